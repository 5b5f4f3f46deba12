package dev.chorus.auth;

/** The claim names and fixed values of Chorus access tokens, shared by the issuer and the verifiers. */
public final class TokenClaims {

    public static final String ISSUER = "chorus";
    public static final String AUDIENCE = "chorus";
    public static final String USERNAME = "preferred_username";
    public static final String DISPLAY_NAME = "name";

    private TokenClaims() {
    }
}

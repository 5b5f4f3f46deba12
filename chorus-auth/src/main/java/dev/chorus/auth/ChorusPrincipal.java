package dev.chorus.auth;

/**
 * Who a verified access token speaks for.
 *
 * @param userId      the user's stable id (the token's {@code sub})
 * @param username    the unique login name ({@code preferred_username})
 * @param displayName the name shown to others ({@code name})
 */
public record ChorusPrincipal(String userId, String username, String displayName) {
}

package dev.chorus.colibri2;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** A DTLS certificate fingerprint with the DTLS role ({@code setup}) of its side. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Fingerprint(String fingerprint, String setup, String hash) {

  public static final String SHA_256 = "sha-256";
}

package dev.chorus.voice.colibri;

/** A DTLS certificate fingerprint and the DTLS role its owner takes ({@code actpass}, {@code active}, {@code passive}). */
public record DtlsFingerprint(String hash, String fingerprint, String setup) {
}

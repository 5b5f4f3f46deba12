package dev.chorus.colibri2;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** {@code "force-mute": {"audio": true, "video": false}}: media the bridge drops from an endpoint. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ForceMute(boolean audio, boolean video) {}

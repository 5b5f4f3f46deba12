package dev.chorus.voice.colibri;

/**
 * A member's endpoint as announced on a relay of another bridge's conference.
 *
 * @param endpointId the endpoint id on the member's own bridge
 * @param statsId    the user id
 * @param ssrc       the SSRC of the member's microphone, 0 while it sends none
 */
public record RelayedEndpoint(String endpointId, String statsId, long ssrc) {
}

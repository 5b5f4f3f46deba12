package dev.chorus.voice.colibri;

/**
 * An endpoint to allocate for one member.
 *
 * @param endpointId  the bridge endpoint id
 * @param statsId     the name the bridge shows in its statistics (the user id)
 * @param moderator   whether the member moderates the room ({@code muc-role})
 * @param forceMuted  whether the bridge must drop the member's audio (listeners, muted members)
 */
public record EndpointRequest(String endpointId, String statsId, boolean moderator, boolean forceMuted) {
}

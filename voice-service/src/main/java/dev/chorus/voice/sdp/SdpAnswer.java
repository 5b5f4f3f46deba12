package dev.chorus.voice.sdp;

import dev.chorus.voice.colibri.AudioSourceSpec;
import dev.chorus.voice.colibri.IceTransport;

/**
 * What voice-service takes from a browser's SDP answer.
 *
 * @param transport the browser's ICE credentials, candidates and DTLS fingerprint (with its setup role)
 * @param source    the audio the browser sends in section {@code mid:0}, or {@code null} if it sends none
 */
public record SdpAnswer(IceTransport transport, AudioSourceSpec source) {
}

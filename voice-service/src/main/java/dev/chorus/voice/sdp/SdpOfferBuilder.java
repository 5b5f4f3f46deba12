package dev.chorus.voice.sdp;

import dev.chorus.contracts.voice.VoiceSession.AudioSource;
import dev.chorus.voice.colibri.DtlsFingerprint;
import dev.chorus.voice.colibri.IceCandidate;
import dev.chorus.voice.colibri.IceTransport;
import java.util.List;

/**
 * Writes the SDP offer a browser applies as its remote description, standing in for the bridge.
 *
 * <p>Shape: an ICE-lite bridge, every m-section bundled on one transport (rtcp-mux), DTLS
 * {@code setup:actpass}, Opus 111 at 48 kHz stereo with in-band FEC and the RFC 6464 audio level
 * extension. Section {@code mid:0} carries the member's own microphone: {@code recvonly} (the bridge
 * receives, the browser answers {@code sendonly}) when the member may send, {@code inactive} otherwise.
 * Then one {@code sendonly} section per speaker source (the bridge sends, the browser answers
 * {@code recvonly}), {@code mid:1..n}, with that source's {@code ssrc} and {@code msid} so the browser
 * demultiplexes by SSRC and can tell speakers apart.
 */
public final class SdpOfferBuilder {

    private SdpOfferBuilder() {
    }

    /** The sources in {@code sources} must carry mids "1", "2", ... in order. */
    public static String offer(long version, IceTransport bridge, boolean canSend, List<AudioSource> sources) {
        StringBuilder sdp = new StringBuilder();
        line(sdp, "v=0");
        line(sdp, "o=- " + Math.abs(version) + " " + Math.abs(version) + " IN IP4 0.0.0.0");
        line(sdp, "s=-");
        line(sdp, "t=0 0");
        line(sdp, "a=ice-lite");
        StringBuilder bundle = new StringBuilder("a=group:BUNDLE 0");
        sources.forEach(s -> bundle.append(' ').append(s.mid()));
        line(sdp, bundle.toString());
        line(sdp, "a=msid-semantic: WMS *");
        audioSection(sdp, bridge, "0", canSend ? "recvonly" : "inactive", null);
        for (AudioSource source : sources) {
            audioSection(sdp, bridge, source.mid(), "sendonly", source);
        }
        return sdp.toString();
    }

    private static void audioSection(StringBuilder sdp, IceTransport bridge, String mid, String direction, AudioSource source) {
        line(sdp, "m=audio 9 UDP/TLS/RTP/SAVPF 111");
        line(sdp, "c=IN IP4 0.0.0.0");
        line(sdp, "a=rtcp:9 IN IP4 0.0.0.0");
        line(sdp, "a=ice-ufrag:" + bridge.ufrag());
        line(sdp, "a=ice-pwd:" + bridge.pwd());
        for (DtlsFingerprint fingerprint : bridge.fingerprints()) {
            line(sdp, "a=fingerprint:" + fingerprint.hash() + " " + fingerprint.fingerprint());
        }
        line(sdp, "a=setup:actpass");
        line(sdp, "a=mid:" + mid);
        line(sdp, "a=extmap:1 urn:ietf:params:rtp-hdrext:ssrc-audio-level");
        line(sdp, "a=" + direction);
        line(sdp, "a=rtcp-mux");
        line(sdp, "a=rtpmap:111 opus/48000/2");
        line(sdp, "a=fmtp:111 minptime=10;useinbandfec=1");
        if (source != null) {
            String stream = "chorus-" + source.userId();
            String track = "audio-" + source.userId();
            line(sdp, "a=msid:" + stream + " " + track);
            line(sdp, "a=ssrc:" + source.ssrc() + " cname:" + stream);
            line(sdp, "a=ssrc:" + source.ssrc() + " msid:" + stream + " " + track);
        }
        for (IceCandidate c : bridge.candidates()) {
            StringBuilder candidate = new StringBuilder("a=candidate:").append(c.foundation()).append(' ')
                    .append(c.component()).append(' ').append(c.protocol()).append(' ').append(c.priority()).append(' ')
                    .append(c.ip()).append(' ').append(c.port()).append(" typ ").append(c.type());
            if (c.relAddr() != null) {
                candidate.append(" raddr ").append(c.relAddr()).append(" rport ").append(c.relPort());
            }
            candidate.append(" generation ").append(c.generation() == null ? "0" : c.generation());
            line(sdp, candidate.toString());
        }
        line(sdp, "a=end-of-candidates");
    }

    private static void line(StringBuilder sdp, String line) {
        sdp.append(line).append("\r\n");
    }
}

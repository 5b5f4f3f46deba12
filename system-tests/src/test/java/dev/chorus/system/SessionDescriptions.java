package dev.chorus.system;

import dev.chorus.media.peer.RemoteTransport;
import dev.chorus.media.peer.SyntheticPeer;
import dev.chorus.media.transport.dtls.DtlsFingerprint;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * The browser's side of a voice session's SDP: what a synthetic peer needs from the bridge's offer,
 * and the answer a browser writes to it (complete, no trickle, bundled, DTLS role active), with the
 * peer's ICE credentials, host candidate, certificate fingerprint and, when it may send, its SSRC in
 * section {@code mid:0}.
 */
final class SessionDescriptions {

    private SessionDescriptions() {
    }

    /** The bridge's ICE credentials, first UDP host candidate and sha-256 fingerprint from its offer. */
    static RemoteTransport bridgeTransport(String offer) {
        String ufrag = null;
        String pwd = null;
        DtlsFingerprint fingerprint = null;
        InetSocketAddress candidate = null;
        for (String line : offer.split("\r\n")) {
            if (line.startsWith("a=ice-ufrag:") && ufrag == null) {
                ufrag = line.substring("a=ice-ufrag:".length());
            } else if (line.startsWith("a=ice-pwd:") && pwd == null) {
                pwd = line.substring("a=ice-pwd:".length());
            } else if (line.startsWith("a=fingerprint:sha-256 ") && fingerprint == null) {
                fingerprint = new DtlsFingerprint("sha-256", line.substring("a=fingerprint:sha-256 ".length()));
            } else if (line.startsWith("a=candidate:") && candidate == null) {
                // foundation component protocol priority ip port typ type ...
                String[] f = line.substring("a=candidate:".length()).split(" ");
                if (f[2].equalsIgnoreCase("udp") && f[7].equals("host")) {
                    candidate = new InetSocketAddress(f[4], Integer.parseInt(f[5]));
                }
            }
        }
        if (ufrag == null || pwd == null || fingerprint == null || candidate == null) {
            throw new IllegalArgumentException("the offer lacks ICE credentials, a host candidate or a fingerprint:\n" + offer);
        }
        return new RemoteTransport(ufrag, pwd, candidate, fingerprint);
    }

    /**
     * The answer to {@code offer}: every section accepted with Opus and the audio level extension,
     * {@code mid:0} sending when the offer lets us (the bridge receives there) and {@code canSend},
     * every other section receiving.
     */
    static String answer(String offer, SyntheticPeer peer, boolean canSend) {
        List<String> mids = new ArrayList<>();
        List<String> directions = new ArrayList<>();
        for (String line : offer.split("\r\n")) {
            if (line.startsWith("a=mid:")) {
                mids.add(line.substring("a=mid:".length()));
            } else if (line.equals("a=recvonly") || line.equals("a=sendonly") || line.equals("a=inactive")
                    || line.equals("a=sendrecv")) {
                directions.add(line.substring(2));
            }
        }
        String ssrc = Integer.toUnsignedString(peer.ssrc());
        String cname = "browser-" + ssrc;
        StringBuilder sdp = new StringBuilder();
        line(sdp, "v=0");
        line(sdp, "o=- " + ssrc + " 2 IN IP4 127.0.0.1");
        line(sdp, "s=-");
        line(sdp, "t=0 0");
        line(sdp, "a=group:BUNDLE " + String.join(" ", mids));
        line(sdp, "a=msid-semantic: WMS " + cname);
        for (int i = 0; i < mids.size(); i++) {
            String mid = mids.get(i);
            boolean sends = mid.equals("0") && canSend && directions.get(i).equals("recvonly");
            line(sdp, "m=audio 9 UDP/TLS/RTP/SAVPF 111");
            line(sdp, "c=IN IP4 0.0.0.0");
            line(sdp, "a=rtcp:9 IN IP4 0.0.0.0");
            line(sdp, "a=candidate:1 1 udp 2122260223 " + peer.localAddress().getAddress().getHostAddress() + " "
                    + peer.localAddress().getPort() + " typ host generation 0");
            line(sdp, "a=ice-ufrag:" + peer.iceCredentials().ufrag());
            line(sdp, "a=ice-pwd:" + peer.iceCredentials().pwd());
            line(sdp, "a=fingerprint:" + peer.fingerprint().hashFunction() + " " + peer.fingerprint().value());
            line(sdp, "a=setup:active");
            line(sdp, "a=mid:" + mid);
            line(sdp, "a=extmap:1 urn:ietf:params:rtp-hdrext:ssrc-audio-level");
            line(sdp, "a=" + (mid.equals("0") ? (sends ? "sendonly" : "inactive") : "recvonly"));
            if (sends) {
                line(sdp, "a=msid:" + cname + " audio-" + ssrc);
            }
            line(sdp, "a=rtcp-mux");
            line(sdp, "a=rtpmap:111 opus/48000/2");
            line(sdp, "a=fmtp:111 minptime=10;useinbandfec=1");
            if (sends) {
                line(sdp, "a=ssrc:" + ssrc + " cname:" + cname);
                line(sdp, "a=ssrc:" + ssrc + " msid:" + cname + " audio-" + ssrc);
            }
        }
        return sdp.toString();
    }

    private static void line(StringBuilder sdp, String line) {
        sdp.append(line).append("\r\n");
    }
}

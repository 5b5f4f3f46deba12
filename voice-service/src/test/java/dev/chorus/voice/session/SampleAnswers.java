package dev.chorus.voice.session;

/** SDP answers shaped as a browser writes them to voice-service's offers. */
public final class SampleAnswers {

    private SampleAnswers() {
    }

    /** A speaker's answer sending one Opus source with the given SSRC in section mid:0. */
    public static String speaker(long ssrc) {
        return String.join("\r\n",
                "v=0",
                "o=- 1 2 IN IP4 127.0.0.1",
                "s=-",
                "t=0 0",
                "a=group:BUNDLE 0",
                "m=audio 9 UDP/TLS/RTP/SAVPF 111",
                "c=IN IP4 0.0.0.0",
                "a=candidate:1 1 udp 2122260223 127.0.0.1 50001 typ host generation 0",
                "a=ice-ufrag:brwsr",
                "a=ice-pwd:browserIcePassword0123456789",
                "a=fingerprint:sha-256 AA:BB:CC:DD",
                "a=setup:active",
                "a=mid:0",
                "a=sendonly",
                "a=msid:s1 t1",
                "a=rtcp-mux",
                "a=rtpmap:111 opus/48000/2",
                "a=ssrc:" + ssrc + " cname:x",
                "");
    }
}

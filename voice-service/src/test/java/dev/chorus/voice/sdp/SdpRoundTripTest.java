package dev.chorus.voice.sdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chorus.contracts.voice.VoiceSession.AudioSource;
import dev.chorus.voice.colibri.DtlsFingerprint;
import dev.chorus.voice.colibri.IceCandidate;
import dev.chorus.voice.colibri.IceTransport;
import java.util.List;
import org.junit.jupiter.api.Test;

class SdpRoundTripTest {

    private static final IceTransport BRIDGE = new IceTransport("4gvjt1k82v4d7k", "1ndkkerrotsruun5egdqie44s3",
            List.of(new DtlsFingerprint("sha-256", "DA:C1:25:C0", "actpass")),
            List.of(new IceCandidate("1", "1", "udp", "2130706431", "192.0.2.2", "10000", "host", "0", null, null)));

    /** An answer as a browser writes it to a speaker's offer with one other speaker. */
    private static final String BROWSER_ANSWER = String.join("\r\n",
            "v=0",
            "o=- 4611731400430051336 2 IN IP4 127.0.0.1",
            "s=-",
            "t=0 0",
            "a=group:BUNDLE 0 1",
            "a=msid-semantic: WMS stream1",
            "m=audio 9 UDP/TLS/RTP/SAVPF 111",
            "c=IN IP4 0.0.0.0",
            "a=rtcp:9 IN IP4 0.0.0.0",
            "a=candidate:842163049 1 udp 1677729535 203.0.113.7 50000 typ srflx raddr 10.0.0.2 rport 50000 generation 0 network-cost 999",
            "a=candidate:1 1 UDP 2122260223 127.0.0.1 50001 typ host generation 0",
            "a=ice-ufrag:cLiE",
            "a=ice-pwd:clientIcePasswordAbcdef0123456789",
            "a=fingerprint:sha-256 AA:BB:CC",
            "a=setup:active",
            "a=mid:0",
            "a=extmap:1 urn:ietf:params:rtp-hdrext:ssrc-audio-level",
            "a=sendonly",
            "a=msid:stream1 track1",
            "a=rtcp-mux",
            "a=rtpmap:111 opus/48000/2",
            "a=fmtp:111 minptime=10;useinbandfec=1",
            "a=ssrc:1111111111 cname:abc",
            "a=ssrc:1111111111 msid:stream1 track1",
            "m=audio 9 UDP/TLS/RTP/SAVPF 111",
            "c=IN IP4 0.0.0.0",
            "a=ice-ufrag:cLiE",
            "a=ice-pwd:clientIcePasswordAbcdef0123456789",
            "a=fingerprint:sha-256 AA:BB:CC",
            "a=setup:active",
            "a=mid:1",
            "a=recvonly",
            "a=rtcp-mux",
            "a=rtpmap:111 opus/48000/2",
            "a=ssrc:2222 cname:other",
            "") ;

    @Test
    void aSpeakersOfferReceivesTheirMicAndSendsEachOtherSpeaker() {
        String offer = SdpOfferBuilder.offer(3, BRIDGE, true, List.of(new AudioSource(2222222222L, "bob", "1")));

        assertThat(offer).startsWith("v=0\r\n").contains(
                "a=ice-lite\r\n", "a=group:BUNDLE 0 1\r\n", "a=setup:actpass\r\n", "a=rtcp-mux\r\n",
                "a=ice-ufrag:4gvjt1k82v4d7k\r\n", "a=ice-pwd:1ndkkerrotsruun5egdqie44s3\r\n",
                "a=fingerprint:sha-256 DA:C1:25:C0\r\n", "a=rtpmap:111 opus/48000/2\r\n",
                "a=fmtp:111 minptime=10;useinbandfec=1\r\n",
                "a=extmap:1 urn:ietf:params:rtp-hdrext:ssrc-audio-level\r\n",
                "a=candidate:1 1 udp 2130706431 192.0.2.2 10000 typ host generation 0\r\n",
                "a=ssrc:2222222222 cname:chorus-bob\r\n", "a=ssrc:2222222222 msid:chorus-bob audio-bob\r\n");
        String[] sections = offer.split("m=audio");
        assertThat(sections).hasSize(3);
        assertThat(sections[1]).contains("a=mid:0\r\n", "a=recvonly\r\n").doesNotContain("a=ssrc:");
        assertThat(sections[2]).contains("a=mid:1\r\n", "a=sendonly\r\n");
        assertThat(offer).contains("o=- 3 3 IN IP4 0.0.0.0");
    }

    @Test
    void aListenersOwnSectionIsInactive() {
        String offer = SdpOfferBuilder.offer(1, BRIDGE, false, List.of());
        assertThat(offer).contains("a=group:BUNDLE 0\r\n", "a=mid:0\r\n", "a=inactive\r\n").doesNotContain("a=recvonly");
    }

    @Test
    void theBrowserAnswerGivesTransportFingerprintAndSentSource() {
        SdpAnswer answer = SdpAnswerParser.parse(BROWSER_ANSWER);

        assertThat(answer.transport().ufrag()).isEqualTo("cLiE");
        assertThat(answer.transport().pwd()).isEqualTo("clientIcePasswordAbcdef0123456789");
        assertThat(answer.transport().fingerprints()).containsExactly(new DtlsFingerprint("sha-256", "AA:BB:CC", "active"));
        assertThat(answer.transport().candidates()).containsExactly(
                new IceCandidate("842163049", "1", "udp", "1677729535", "203.0.113.7", "50000", "srflx", "0", "10.0.0.2", "50000"),
                new IceCandidate("1", "1", "udp", "2122260223", "127.0.0.1", "50001", "host", "0", null, null));
        assertThat(answer.source().ssrc()).isEqualTo(1111111111L);
        assertThat(answer.source().msid()).isEqualTo("stream1 track1");
    }

    @Test
    void aListenersAnswerSendsNothing() {
        String listener = BROWSER_ANSWER.replace("a=sendonly", "a=inactive");
        assertThat(SdpAnswerParser.parse(listener).source()).isNull();
    }

    @Test
    void answersWithoutCredentialsOrRoleAreRefused() {
        assertThatThrownBy(() -> SdpAnswerParser.parse("hello")).isInstanceOf(InvalidSdpException.class);
        assertThatThrownBy(() -> SdpAnswerParser.parse(BROWSER_ANSWER.replace("a=ice-pwd:", "a=x-pwd:")))
                .isInstanceOf(InvalidSdpException.class).hasMessageContaining("ICE credentials");
        assertThatThrownBy(() -> SdpAnswerParser.parse(BROWSER_ANSWER.replace("a=fingerprint:", "a=x:")))
                .isInstanceOf(InvalidSdpException.class).hasMessageContaining("fingerprint");
        assertThatThrownBy(() -> SdpAnswerParser.parse(BROWSER_ANSWER.replace("a=setup:active", "a=setup:actpass")))
                .isInstanceOf(InvalidSdpException.class).hasMessageContaining("DTLS role");
    }
}

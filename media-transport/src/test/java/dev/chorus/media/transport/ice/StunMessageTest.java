package dev.chorus.media.transport.ice;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The sample messages of RFC 5769 (sections 2.1 and 2.2), byte for byte. */
class StunMessageTest {

    private static final byte[] PASSWORD = "VOkJxbRl1RmTxUk/WvJxBt".getBytes(StandardCharsets.UTF_8);

    /** RFC 5769 2.1: Binding request with SOFTWARE, PRIORITY, ICE-CONTROLLED, USERNAME, MI, FINGERPRINT. */
    static final byte[] SAMPLE_REQUEST = HexFormat.of().parseHex(
            "000100582112a442b7e7a701bc34d686fa87dfae"
            + "802200105354554e207465737420636c69656e74"
            + "002400046e0001ff"
            + "80290008932ff9b151263b36"
            + "000600096576746a3a68367659202020"
            + "000800149aeaa70cbfd8cb56781ef2b5b2d3f249c1b571a2"
            + "80280004e57a3bcf");

    /** RFC 5769 2.2: IPv4 success response with XOR-MAPPED-ADDRESS 192.0.2.1:32853. */
    static final byte[] SAMPLE_IPV4_RESPONSE = HexFormat.of().parseHex(
            "0101003c2112a442b7e7a701bc34d686fa87dfae"
            + "8022000b7465737420766563746f7220"
            + "002000080001a147e112a643"
            + "000800142b91f599fd9e90c38c7489f92af9ba53f06be7d7"
            + "80280004c07d4c96");

    /** RFC 5769 2.3: IPv6 success response, 2001:db8:1234:5678:11:2233:4455:6677 port 32853. */
    static final byte[] SAMPLE_IPV6_RESPONSE = HexFormat.of().parseHex(
            "010100482112a442b7e7a701bc34d686fa87dfae"
            + "8022000b7465737420766563746f7220"
            + "002000140002a1470113a9faa5d3f179bc25f4b5bed2b9d9"
            + "00080014a382954e4be67bf11784c97c8292c275bfe3ed41"
            + "80280004c8fb0b4c");

    @Test
    void parsesAndVerifiesTheSampleRequest() {
        StunMessage m = StunMessage.parse(SAMPLE_REQUEST, 0, SAMPLE_REQUEST.length);

        assertThat(m).isNotNull();
        assertThat(m.isBindingRequest()).isTrue();
        assertThat(m.username()).isEqualTo("evtj:h6vY");
        assertThat(m.priority()).isEqualTo(0x6e0001ffL);
        assertThat(m.iceControlled()).isEqualTo(0x932ff9b151263b36L);
        assertThat(m.checkFingerprint()).isTrue();
        assertThat(m.checkMessageIntegrity(PASSWORD)).isTrue();
        assertThat(m.checkMessageIntegrity("wrong-password-wrong-pw".getBytes(StandardCharsets.UTF_8))).isFalse();
    }

    @Test
    void parsesAndVerifiesTheSampleIpv4Response() throws Exception {
        StunMessage m = StunMessage.parse(SAMPLE_IPV4_RESPONSE, 0, SAMPLE_IPV4_RESPONSE.length);

        assertThat(m.isBindingSuccess()).isTrue();
        assertThat(m.xorMappedAddress()).isEqualTo(new InetSocketAddress(InetAddress.getByName("192.0.2.1"), 32853));
        assertThat(m.checkFingerprint()).isTrue();
        assertThat(m.checkMessageIntegrity(PASSWORD)).isTrue();
    }

    @Test
    void parsesAndVerifiesTheSampleIpv6Response() throws Exception {
        StunMessage m = StunMessage.parse(SAMPLE_IPV6_RESPONSE, 0, SAMPLE_IPV6_RESPONSE.length);

        InetSocketAddress mapped =
                new InetSocketAddress(InetAddress.getByName("2001:db8:1234:5678:11:2233:4455:6677"), 32853);
        assertThat(m.xorMappedAddress()).isEqualTo(mapped);
        assertThat(m.checkFingerprint()).isTrue();
        assertThat(m.checkMessageIntegrity(PASSWORD)).isTrue();

        byte[] built = new StunMessageBuilder(StunMessage.BINDING_SUCCESS, m.transactionId())
                .xorMappedAddress(mapped).build(PASSWORD);
        assertThat(HexFormat.of().formatHex(built, 20, 44)).isEqualTo(HexFormat.of().formatHex(SAMPLE_IPV6_RESPONSE, 36, 60));
    }

    @Test
    void buildsAResponseWhoseXorMappedAddressMatchesTheSample() throws Exception {
        byte[] txid = HexFormat.of().parseHex("b7e7a701bc34d686fa87dfae");
        byte[] built = new StunMessageBuilder(StunMessage.BINDING_SUCCESS, txid)
                .xorMappedAddress(new InetSocketAddress(InetAddress.getByName("192.0.2.1"), 32853))
                .build(PASSWORD);

        StunMessage m = StunMessage.parse(built, 0, built.length);
        assertThat(m.xorMappedAddress().getPort()).isEqualTo(32853);
        assertThat(HexFormat.of().formatHex(built, 20, 32)).isEqualTo("002000080001a147e112a643");
        assertThat(m.checkMessageIntegrity(PASSWORD)).isTrue();
        assertThat(m.checkFingerprint()).isTrue();
    }

    @Test
    void aFlippedBitBreaksIntegrityAndFingerprint() {
        byte[] tampered = SAMPLE_REQUEST.clone();
        tampered[30] ^= 1; // inside SOFTWARE

        StunMessage m = StunMessage.parse(tampered, 0, tampered.length);
        assertThat(m.checkFingerprint()).isFalse();
        assertThat(m.checkMessageIntegrity(PASSWORD)).isFalse();
    }

    @Test
    void rejectsWhatIsNotStun() {
        assertThat(StunMessage.parse(new byte[] {0x16, (byte) 0xfe, (byte) 0xfd}, 0, 3)).isNull();
        byte[] truncated = java.util.Arrays.copyOf(SAMPLE_REQUEST, SAMPLE_REQUEST.length - 4);
        assertThat(StunMessage.parse(truncated, 0, truncated.length)).isNull();
        byte[] noCookie = SAMPLE_REQUEST.clone();
        noCookie[4] = 0;
        assertThat(StunMessage.parse(noCookie, 0, noCookie.length)).isNull();
    }
}

package dev.chorus.media.transport.srtp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chorus.media.transport.PacketBuffer;
import dev.chorus.media.transport.rtp.ReceiverReport;
import dev.chorus.media.transport.rtp.ReportBlock;
import dev.chorus.media.transport.rtp.RtpHeader;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SrtpSessionTest {

    private static final SecureRandom RANDOM = new SecureRandom();

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void rtpRoundTripsFromClientToServerAndBack(SrtpProfile profile) {
        byte[] km = keyingMaterial(profile);
        SrtpSession server = SrtpSession.forProfile(profile, km, true);
        SrtpSession client = SrtpSession.forProfile(profile, km, false);
        byte[] plain = rtp(1000, 0x11223344, 80);

        PacketBuffer packet = new PacketBuffer(plain.length + PacketBuffer.TRAILER_ROOM).copyFrom(plain, 0, plain.length);
        assertThat(client.protectRtp(packet)).isEqualTo(SrtpResult.OK);
        assertThat(packet.getLength()).isEqualTo(plain.length + profile.tagLength());
        assertThat(Arrays.copyOfRange(packet.getBuffer(), 12, plain.length))
                .isNotEqualTo(Arrays.copyOfRange(plain, 12, plain.length));

        assertThat(server.unprotectRtp(packet)).isEqualTo(SrtpResult.OK);
        assertThat(packet.toByteArray()).isEqualTo(plain);

        byte[] answer = rtp(7, 0x55667788, 60);
        PacketBuffer back = new PacketBuffer(256).copyFrom(answer, 0, answer.length);
        assertThat(server.protectRtp(back)).isEqualTo(SrtpResult.OK);
        assertThat(client.unprotectRtp(back)).isEqualTo(SrtpResult.OK);
        assertThat(back.toByteArray()).isEqualTo(answer);
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void aReplayedPacketIsRejected(SrtpProfile profile) {
        byte[] km = keyingMaterial(profile);
        SrtpSession sender = SrtpSession.forProfile(profile, km, false);
        SrtpSession receiver = SrtpSession.forProfile(profile, km, true);
        byte[] plain = rtp(42, 1, 70);
        PacketBuffer packet = new PacketBuffer(256).copyFrom(plain, 0, plain.length);
        sender.protectRtp(packet);
        byte[] onTheWire = packet.toByteArray();

        assertThat(receiver.unprotectRtp(new PacketBuffer(256).copyFrom(onTheWire, 0, onTheWire.length)))
                .isEqualTo(SrtpResult.OK);
        assertThat(receiver.unprotectRtp(new PacketBuffer(256).copyFrom(onTheWire, 0, onTheWire.length)))
                .isEqualTo(SrtpResult.REPLAYED);
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void aTamperedOrWronglyKeyedPacketFailsAuthentication(SrtpProfile profile) {
        byte[] km = keyingMaterial(profile);
        SrtpSession sender = SrtpSession.forProfile(profile, km, false);
        PacketBuffer packet = new PacketBuffer(256).copyFrom(rtp(5, 9, 64), 0, 76);
        sender.protectRtp(packet);
        byte[] wire = packet.toByteArray();

        byte[] tampered = wire.clone();
        tampered[20] ^= 0x01;
        SrtpSession receiver = SrtpSession.forProfile(profile, km, true);
        assertThat(receiver.unprotectRtp(new PacketBuffer(256).copyFrom(tampered, 0, tampered.length)))
                .isEqualTo(SrtpResult.AUTH_FAILED);

        SrtpSession stranger = SrtpSession.forProfile(profile, keyingMaterial(profile), true);
        assertThat(stranger.unprotectRtp(new PacketBuffer(256).copyFrom(wire, 0, wire.length)))
                .isEqualTo(SrtpResult.AUTH_FAILED);
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void forgedPacketsWithNewSsrcsLeaveNoContextsBehind(SrtpProfile profile) {
        SrtpSession receiver = SrtpSession.forProfile(profile, keyingMaterial(profile), true);
        byte[] forged = new byte[100];
        for (int i = 0; i < 50; i++) {
            RANDOM.nextBytes(forged);
            forged[0] = (byte) 0x80;
            forged[1] = 111;
            assertThat(receiver.unprotectRtp(new PacketBuffer(forged, 0, forged.length))).isNotEqualTo(SrtpResult.OK);
            forged[1] = (byte) 200;
            assertThat(receiver.unprotectRtcp(new PacketBuffer(forged, 0, forged.length))).isNotEqualTo(SrtpResult.OK);
        }

        assertThat(receiver.contextCount()).isZero();
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void rtcpRoundTripsAndIsReplayProtected(SrtpProfile profile) {
        byte[] km = keyingMaterial(profile);
        SrtpSession server = SrtpSession.forProfile(profile, km, true);
        SrtpSession client = SrtpSession.forProfile(profile, km, false);
        byte[] rr = new byte[ReceiverReport.HEADER_LENGTH + ReportBlock.LENGTH];
        new ReceiverReport(0xabcdef01, List.of(new ReportBlock(0x11223344, 3, 7, 65_600, 12, 0, 0))).write(rr, 0);

        PacketBuffer packet = new PacketBuffer(256).copyFrom(rr, 0, rr.length);
        assertThat(server.protectRtcp(packet)).isEqualTo(SrtpResult.OK);
        byte[] wire = packet.toByteArray();
        assertThat(client.unprotectRtcp(packet)).isEqualTo(SrtpResult.OK);
        assertThat(packet.toByteArray()).isEqualTo(rr);
        assertThat(client.unprotectRtcp(new PacketBuffer(256).copyFrom(wire, 0, wire.length)))
                .isEqualTo(SrtpResult.REPLAYED);
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void aClosedSessionProcessesNothingAndHoldsNoContexts(SrtpProfile profile) {
        SrtpSession session = SrtpSession.forProfile(profile, keyingMaterial(profile), true);
        session.protectRtp(new PacketBuffer(256).copyFrom(rtp(1, 2, 60), 0, 72));
        assertThat(session.contextCount()).isEqualTo(1);

        session.close();

        assertThat(session.contextCount()).isZero();
        assertThat(session.protectRtp(new PacketBuffer(256).copyFrom(rtp(2, 2, 60), 0, 72)))
                .isEqualTo(SrtpResult.INVALID);
    }

    static byte[] rtp(int seq, int ssrc, int payloadLength) {
        byte[] p = new byte[RtpHeader.FIXED_LENGTH + payloadLength];
        RtpHeader.writeFixed(p, 0, false, 111, seq, seq * 960L, ssrc);
        for (int i = RtpHeader.FIXED_LENGTH; i < p.length; i++) {
            p[i] = (byte) (i * 31 + seq);
        }
        return p;
    }

    private static byte[] keyingMaterial(SrtpProfile profile) {
        byte[] km = new byte[profile.keyingMaterialLength()];
        RANDOM.nextBytes(km);
        return km;
    }
}

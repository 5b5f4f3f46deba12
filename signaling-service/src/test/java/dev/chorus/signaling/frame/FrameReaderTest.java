package dev.chorus.signaling.frame;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class FrameReaderTest {

    private final FrameReader reader = new FrameReader(JsonMapper.builder().build());

    @Test
    void readsEveryClientFrameOfTheContract() {
        assertThat(reader.read("{\"type\":\"subscribe\",\"roomId\":\"r1\"}")).isEqualTo(new ClientFrame.Subscribe("r1"));
        assertThat(reader.read("{\"type\":\"unsubscribe\",\"roomId\":\"r1\"}")).isEqualTo(new ClientFrame.Unsubscribe("r1"));
        assertThat(reader.read("{\"type\":\"resync\",\"roomId\":\"r1\"}")).isEqualTo(new ClientFrame.Resync("r1"));
        assertThat(reader.read("{\"type\":\"voice-answer\",\"roomId\":\"r1\",\"sessionId\":\"s1\",\"sdp\":\"v=0\"}"))
                .isEqualTo(new ClientFrame.VoiceAnswer("r1", "s1", "v=0"));
        assertThat(reader.read("{\"type\":\"mute\",\"roomId\":\"r1\",\"muted\":true}")).isEqualTo(new ClientFrame.Mute("r1", true));
        assertThat(((ClientFrame.Ping) reader.read("{\"type\":\"ping\",\"id\":7}")).id().asInt()).isEqualTo(7);
        assertThat(((ClientFrame.Ping) reader.read("{\"type\":\"ping\"}")).id()).isNull();
    }

    @Test
    void tellsMalformedFromUnknown() {
        assertCode("not json", ErrorCode.MALFORMED);
        assertCode("[1,2]", ErrorCode.MALFORMED);
        assertCode("{\"roomId\":\"r1\"}", ErrorCode.MALFORMED);
        assertCode("{\"type\":\"subscribe\"}", ErrorCode.MALFORMED);
        assertCode("{\"type\":\"subscribe\",\"roomId\":42}", ErrorCode.MALFORMED);
        assertCode("{\"type\":\"mute\",\"roomId\":\"r1\",\"muted\":\"yes\"}", ErrorCode.MALFORMED);
        assertCode("{\"type\":\"voice-answer\",\"roomId\":\"r1\",\"sessionId\":\"s1\"}", ErrorCode.MALFORMED);
        assertCode("{\"type\":\"dance\",\"roomId\":\"r1\"}", ErrorCode.UNKNOWN_TYPE);
    }

    private void assertCode(String text, ErrorCode code) {
        assertThatThrownBy(() -> reader.read(text)).isInstanceOfSatisfying(FrameException.class,
                e -> assertThat(e.code()).as(text).isEqualTo(code));
    }
}

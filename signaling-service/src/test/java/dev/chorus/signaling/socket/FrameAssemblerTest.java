package dev.chorus.signaling.socket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chorus.signaling.frame.ErrorCode;
import dev.chorus.signaling.frame.FrameException;
import org.junit.jupiter.api.Test;

class FrameAssemblerTest {

    private final FrameAssembler assembler = new FrameAssembler(10);

    @Test
    void passesWholeMessagesAndJoinsParts() {
        assertThat(assembler.accept("abc", true)).isEqualTo("abc");
        assertThat(assembler.accept("abc", false)).isNull();
        assertThat(assembler.accept("def", true)).isEqualTo("abcdef");
    }

    @Test
    void refusesAMessageOverTheLimitAtItsLastPartThenAcceptsTheNext() {
        assertThat(assembler.accept("123456", false)).isNull();
        assertThat(assembler.accept("789012", false)).isNull();
        assertThatThrownBy(() -> assembler.accept("3", true)).isInstanceOfSatisfying(FrameException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.OVERSIZED));
        assertThatThrownBy(() -> assembler.accept("12345678901", true)).isInstanceOf(FrameException.class);
        assertThat(assembler.accept("ok", true)).isEqualTo("ok");
    }
}

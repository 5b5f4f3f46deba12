package dev.chorus.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chorus.contracts.commands.Command;
import dev.chorus.contracts.commands.VoiceSetup;
import dev.chorus.contracts.events.MemberJoined;
import dev.chorus.contracts.events.Role;
import dev.chorus.contracts.events.RoomEvent;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class WireFormatTest {

    private final JsonMapper json = JsonMapper.builder().findAndAddModules().build();

    @Test
    void roomEventCarriesItsTypeAndLowercaseRoleAndRoundTrips() {
        RoomEvent event = new MemberJoined("r1", 7, Instant.parse("2026-01-02T03:04:05Z"), "u1", "u1", "Ada",
                Role.LISTENER);

        String text = json.writeValueAsString(event);
        JsonNode tree = json.readTree(text);

        assertThat(tree.get("type").asString()).isEqualTo("member-joined");
        assertThat(tree.get("role").asString()).isEqualTo("listener");
        assertThat(tree.get("seq").asLong()).isEqualTo(7);
        assertThat(json.readValue(text, RoomEvent.class)).isEqualTo(event);
    }

    @Test
    void commandIsReadBackByItsTypeField() {
        String text = """
                {"type":"voice-setup","commandId":"c1","issuedAt":"2026-01-02T03:04:05Z","roomId":"r1",
                 "userId":"u1","role":"speaker","muted":false,"region":"eu","seq":3}
                """;

        Command command = json.readValue(text, Command.class);

        assertThat(command).isEqualTo(new VoiceSetup("c1", Instant.parse("2026-01-02T03:04:05Z"), "r1", "u1",
                Role.SPEAKER, false, "eu", 3));
    }
}

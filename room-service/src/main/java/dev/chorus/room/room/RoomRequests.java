package dev.chorus.room.room;

import dev.chorus.room.stage.VoiceRegion;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;

final class RoomRequests {

    private RoomRequests() {
    }

    record Create(
            @NotBlank @Size(max = 120) String title,
            @Size(max = 2000) String description,
            @NotNull Visibility visibility,
            @Size(max = 500) List<@NotBlank String> invitees,
            Instant scheduledStart,
            @Min(1) @Max(1000) Integer speakerLimit,
            @Pattern(regexp = VoiceRegion.NAME, message = "must be a region name") String region) {
    }

    record Edit(@Size(min = 1, max = 120) String title, @Size(max = 2000) String description) {
    }

    record Invite(@NotNull @Size(min = 1, max = 500) List<@NotBlank String> usernames) {
    }
}

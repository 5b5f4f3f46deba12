package dev.chorus.room.account;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** The bodies of the account endpoints, with their rules. */
final class AccountRequests {

    private AccountRequests() {
    }

    record Register(
            @NotBlank @Pattern(regexp = "[A-Za-z0-9_.-]{3,32}",
                    message = "must be 3 to 32 letters, digits, '.', '_' or '-'") String username,
            @NotBlank @Size(max = 60) String displayName,
            @NotBlank @Size(min = 8, max = 200, message = "must be at least 8 characters") String password) {
    }

    record Login(@NotBlank String username, @NotBlank String password) {
    }

    record EditProfile(@Size(min = 1, max = 60) String displayName, @Size(max = 500) String bio) {
    }

    record LoginAnswer(String accessToken, String tokenType, long expiresIn, UserView user) {
    }
}

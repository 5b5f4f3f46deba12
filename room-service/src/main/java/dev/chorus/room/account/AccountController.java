package dev.chorus.room.account;

import dev.chorus.auth.ChorusPrincipal;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
class AccountController {

    private final AccountService accounts;

    AccountController(AccountService accounts) {
        this.accounts = accounts;
    }

    @PostMapping("/api/v1/auth/register")
    @ResponseStatus(HttpStatus.CREATED)
    UserView register(@Valid @RequestBody AccountRequests.Register request) {
        return accounts.register(request);
    }

    @PostMapping("/api/v1/auth/login")
    AccountRequests.LoginAnswer login(@Valid @RequestBody AccountRequests.Login request, HttpServletRequest http) {
        return accounts.login(request, http.getRemoteAddr());
    }

    @GetMapping("/api/v1/me")
    UserView me(@AuthenticationPrincipal ChorusPrincipal me) {
        return accounts.profile(me.userId());
    }

    @PatchMapping("/api/v1/me")
    UserView editMe(@AuthenticationPrincipal ChorusPrincipal me, @Valid @RequestBody AccountRequests.EditProfile edit) {
        return accounts.editProfile(me.userId(), edit);
    }

    @GetMapping("/api/v1/users/{id}")
    UserView user(@PathVariable String id) {
        return accounts.profile(id);
    }
}

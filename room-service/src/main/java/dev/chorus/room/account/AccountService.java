package dev.chorus.room.account;

import dev.chorus.auth.ChorusPrincipal;
import dev.chorus.room.security.TokenIssuer;
import dev.chorus.room.system.ApiProblem;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

/** Registration, login and profiles. */
@Service
public class AccountService {

    private static final Logger log = LoggerFactory.getLogger(AccountService.class);

    private final UserRepository users;
    private final PasswordEncoder passwords;
    private final TokenIssuer tokens;
    private final LoginLimiter limiter;
    private final Clock clock;
    /** Compared against when the username is unknown, so a miss costs as much time as a wrong password. */
    private final String decoyHash;

    AccountService(UserRepository users, PasswordEncoder passwords, TokenIssuer tokens, LoginLimiter limiter, Clock clock) {
        this.users = users;
        this.passwords = passwords;
        this.tokens = tokens;
        this.limiter = limiter;
        this.clock = clock;
        this.decoyHash = passwords.encode("decoy-password-for-timing");
    }

    UserView register(AccountRequests.Register request) {
        String key = request.username().toLowerCase(Locale.ROOT);
        if (users.findByUsernameKey(key).isPresent()) {
            throw taken(request.username());
        }
        User user = new User(null, request.username(), key, request.displayName().strip(), "",
                passwords.encode(request.password()), clock.instant());
        try {
            User saved = users.save(user);
            log.info("Registered user {} ({})", saved.id(), saved.username());
            return UserView.of(saved);
        } catch (DuplicateKeyException raced) {
            throw taken(request.username());
        }
    }

    AccountRequests.LoginAnswer login(AccountRequests.Login request, String address) {
        String key = request.username().toLowerCase(Locale.ROOT);
        long wait = limiter.retryAfterSeconds(key, address);
        if (wait > 0) {
            ApiProblem problem = new ApiProblem(HttpStatus.TOO_MANY_REQUESTS, "too-many-logins",
                    "Too many failed logins; try again in " + wait + " seconds");
            problem.getHeaders().set("Retry-After", Long.toString(wait));
            throw problem;
        }
        Optional<User> user = users.findByUsernameKey(key);
        boolean matches = passwords.matches(request.password(), user.map(User::passwordHash).orElse(decoyHash));
        if (user.isEmpty() || !matches) {
            limiter.failed(key, address);
            log.info("Failed login for username '{}' from {}", request.username(), address);
            throw new ApiProblem(HttpStatus.UNAUTHORIZED, "bad-credentials", "Wrong username or password");
        }
        limiter.succeeded(key, address);
        User found = user.get();
        TokenIssuer.IssuedToken token = tokens.issue(principal(found));
        return new AccountRequests.LoginAnswer(token.value(), "Bearer", token.expiresInSeconds(), UserView.of(found));
    }

    public UserView profile(String userId) {
        return users.findById(userId).map(UserView::of).orElseThrow(() -> ApiProblem.notFound("User " + userId));
    }

    UserView editProfile(String userId, AccountRequests.EditProfile edit) {
        User user = users.findById(userId).orElseThrow(() -> ApiProblem.notFound("User " + userId));
        String displayName = edit.displayName() == null ? user.displayName() : edit.displayName().strip();
        if (displayName.isEmpty()) {
            throw ApiProblem.badRequest("invalid-input", "displayName: must not be blank");
        }
        String bio = edit.bio() == null ? user.bio() : edit.bio().strip();
        return UserView.of(users.save(user.withProfile(displayName, bio)));
    }

    /** Users by username, for invitation lists; unknown names are refused so a typo is noticed. */
    public java.util.List<String> userIdsByUsernames(java.util.Collection<String> usernames) {
        return usernames.stream()
                .map(name -> users.findByUsernameKey(name.toLowerCase(Locale.ROOT))
                        .orElseThrow(() -> ApiProblem.badRequest("unknown-user", "No user is called '" + name + "'"))
                        .id())
                .distinct()
                .toList();
    }

    private static ChorusPrincipal principal(User user) {
        return new ChorusPrincipal(user.id(), user.username(), user.displayName());
    }

    private static ApiProblem taken(String username) {
        return ApiProblem.conflict("username-taken", "The username '" + username + "' is taken");
    }
}

package dev.chorus.room.security;

import dev.chorus.auth.ChorusPrincipal;
import dev.chorus.auth.InvalidTokenException;
import dev.chorus.auth.TokenVerifier;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates {@code Authorization: Bearer} access tokens. A request that presents a bad token is
 * refused here with 401, even on public paths, so a client learns at once that its token is stale.
 */
class BearerTokenFilter extends OncePerRequestFilter {

    private static final String PREFIX = "Bearer ";

    private final TokenVerifier verifier;
    private final ProblemResponses problems;

    BearerTokenFilter(TokenVerifier verifier, ProblemResponses problems) {
        this.verifier = verifier;
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        if (header != null && header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            try {
                ChorusPrincipal principal = verifier.verify(header.substring(PREFIX.length()).trim());
                var authentication = new UsernamePasswordAuthenticationToken(principal, null, List.of());
                SecurityContextHolder.getContext().setAuthentication(authentication);
            } catch (InvalidTokenException e) {
                problems.write(response, 401, "invalid-token", e.getMessage());
                return;
            }
        }
        chain.doFilter(request, response);
    }
}

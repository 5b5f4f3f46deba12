package dev.chorus.room;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import dev.chorus.room.security.SigningKeys;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Bad input, missing rights and bad tokens are refused with a problem document, and change nothing. */
class RefusalsTest extends RoomServiceIntegrationTest {

    @Autowired
    SigningKeys keys;

    @Test
    void badInputOfEveryEndpointIsAProblemAndChangesNothing() {
        ApiClient.User host = api.signUp(unique("host"));
        ApiClient.User listener = api.signUp(unique("listener"));
        ApiClient.User outsider = api.signUp(unique("outsider"));
        String room = api.post("/api/v1/rooms", host.token(), Map.of("title", "Rules", "visibility", "public")).text("id");
        api.post("/api/v1/rooms/" + room + "/join", listener.token(), null);
        String r = "/api/v1/rooms/" + room;
        long seqBefore = seq(host, room);

        List<Supplier<ApiClient.Answer>> refused = List.of(
                () -> api.post("/api/v1/auth/register", null, Map.of("username", "x", "displayName", "X", "password", "short")),
                () -> api.post("/api/v1/auth/register", null, "{not json"),
                () -> api.post("/api/v1/auth/register", null, Map.of("username", host.username(), "displayName", "Again",
                        "password", "long enough pass")),
                () -> api.post("/api/v1/auth/login", null, Map.of("username", host.username(), "password", "wrong password")),
                () -> api.patch("/api/v1/me", host.token(), Map.of("displayName", "")),
                () -> api.get("/api/v1/users/nobody", host.token()),
                () -> api.post("/api/v1/rooms", host.token(), Map.of("title", "x".repeat(121), "visibility", "public")),
                () -> api.post("/api/v1/rooms", host.token(), Map.of("title", "No visibility")),
                () -> api.post("/api/v1/rooms", host.token(), Map.of("title", "Bad", "visibility", "secret")),
                () -> api.post("/api/v1/rooms", host.token(), Map.of("title", "Bad", "visibility", "closed",
                        "invitees", List.of("no-such-user-anywhere"))),
                () -> api.get("/api/v1/rooms?size=0", host.token()),
                () -> api.get("/api/v1/rooms/does-not-exist", host.token()),
                () -> api.patch(r, listener.token(), Map.of("title", "Mine now")),
                () -> api.patch(r, host.token(), Map.of("title", "")),
                () -> api.post(r + "/end", listener.token(), null),
                () -> api.post(r + "/invites", listener.token(), Map.of("usernames", List.of(outsider.username()))),
                () -> api.post(r + "/join", outsider.token(), Map.of("region", "Not A Region!")),
                () -> api.get(r + "/snapshot", outsider.token()),
                () -> api.post(r + "/hand", outsider.token(), null),
                () -> api.post(r + "/hand", host.token(), null),
                () -> api.post(r + "/members/" + listener.id() + "/invite", listener.token(), null),
                () -> api.post(r + "/invitation/accept", listener.token(), null),
                () -> api.post(r + "/invitation/decline", listener.token(), null),
                () -> api.post(r + "/members/" + host.id() + "/move-to-audience", listener.token(), null),
                () -> api.post(r + "/members/" + listener.id() + "/moderator", listener.token(), null),
                () -> api.delete(r + "/members/" + listener.id() + "/moderator", host.token()),
                () -> api.post(r + "/members/" + listener.id() + "/mute", host.token(), null),
                () -> api.delete(r + "/members/" + host.id(), listener.token()),
                () -> api.delete(r + "/members/" + host.id(), host.token()),
                () -> api.post(r + "/step-down", host.token(), null),
                () -> api.post(r + "/step-down", listener.token(), null),
                () -> api.post(r + "/messages", outsider.token(), Map.of("text", "let me in")),
                () -> api.post(r + "/messages", listener.token(), Map.of("text", "")),
                () -> api.post(r + "/messages", listener.token(), Map.of("text", "x".repeat(1001))),
                () -> api.get(r + "/messages?before=yesterday", listener.token()),
                () -> api.get(r + "/messages", outsider.token()),
                () -> api.delete(r + "/messages/nope", host.token()),
                () -> api.get(r + "/events", outsider.token()));

        for (Supplier<ApiClient.Answer> call : refused) {
            ApiClient.Answer answer = call.get();
            assertThat(answer.status()).as(answer.toString()).isBetween(400, 499);
            assertThat(answer.contentType()).as(answer.toString()).startsWith("application/problem+json");
            assertThat(answer.text("detail")).as(answer.toString()).isNotBlank();
        }
        assertThat(seq(host, room)).as("no refused call changed the room").isEqualTo(seqBefore);
        assertThat(api.get("/api/v1/rooms/" + room, host.token()).text("title")).isEqualTo("Rules");
        assertThat(api.get("/api/v1/me", host.token()).text("displayName")).isEqualTo("User " + host.username());
    }

    @Test
    void theApiNeedsAValidToken() throws Exception {
        ApiClient.User user = api.signUp(unique("user"));
        ECKey otherKey = new ECKeyGenerator(Curve.P_256).keyID("forger").generate();
        String forged = sign(otherKey, user.id(), new Date(System.currentTimeMillis() + 60_000));

        for (String token : new String[] {null, "garbage", forged}) {
            ApiClient.Answer answer = api.post("/api/v1/rooms", token, Map.of("title", "Hi", "visibility", "public"));
            assertThat(answer.status()).isEqualTo(401);
            assertThat(answer.contentType()).startsWith("application/problem+json");
        }
        assertThat(api.get("/api/v1/rooms", null).status()).isEqualTo(401);
    }

    @Test
    void anExpiredTokenIsRefused() throws Exception {
        ApiClient.User user = api.signUp(unique("user"));
        ApiClient.Answer jwks = api.get("/.well-known/jwks.json", null);
        assertThat(jwks.body().path("keys").get(0).path("kty").asString()).isEqualTo("EC");
        assertThat(jwks.body().path("keys").get(0).has("d")).as("the private key never leaves").isFalse();

        // Signed with the service's own key, so only the expiry can make it fail.
        String fresh = sign(keys.signingKey(), user.id(), new Date(System.currentTimeMillis() + 60_000));
        String expired = sign(keys.signingKey(), user.id(), new Date(System.currentTimeMillis() - 60_000));
        assertThat(api.get("/api/v1/me", fresh).status()).isEqualTo(200);
        assertThat(api.get("/api/v1/me", expired).status()).isEqualTo(401);
    }

    @Test
    void passwordGuessingIsSlowedDown() {
        ApiClient.User user = api.signUp(unique("target"));
        int status = 0;
        for (int i = 0; i < 11; i++) {
            status = api.post("/api/v1/auth/login", null, Map.of("username", user.username(), "password", "guess " + i)).status();
        }
        assertThat(status).isEqualTo(429);
        assertThat(api.post("/api/v1/auth/login", null, Map.of("username", user.username(), "password", "correct horse"))
                .status()).as("even the right password waits out the window").isEqualTo(429);
    }

    @Test
    void profilesShowNoSecrets() {
        ApiClient.User user = api.signUp(unique("private"));
        ApiClient.User other = api.signUp(unique("other"));
        var edited = api.patch("/api/v1/me", user.token(), Map.of("displayName", "Ada Lovelace", "bio", "Engines"));
        assertThat(edited.text("displayName")).isEqualTo("Ada Lovelace");

        var seen = api.get("/api/v1/users/" + user.id(), other.token());
        assertThat(seen.text("bio")).isEqualTo("Engines");
        assertThat(seen.body().has("passwordHash")).isFalse();
        assertThat(seen.body().toString()).doesNotContain("correct horse").doesNotContain("{bcrypt}");
    }

    private long seq(ApiClient.User member, String room) {
        return api.get("/api/v1/rooms/" + room + "/snapshot", member.token()).body().path("seq").asLong();
    }

    private static String sign(ECKey key, String subject, Date expiry) throws Exception {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().subject(subject).issuer("chorus").audience("chorus")
                .claim("preferred_username", "x").claim("name", "X").expirationTime(expiry).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).type(JOSEObjectType.JWT)
                .keyID(key.getKeyID()).build(), claims);
        jwt.sign(new ECDSASigner(key));
        return jwt.serialize();
    }
}

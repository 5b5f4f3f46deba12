package dev.chorus.media.transport.ice;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

class IceLiteResponderTest {

    private final IceCredentials bridge = IceCredentials.random();
    private final IceCredentials browser = IceCredentials.random();
    private final InetSocketAddress source = new InetSocketAddress("127.0.0.1", 40000);

    @Test
    void answersAValidCheckWithAResponseTheControllingSideAccepts() {
        IceLiteResponder responder = new IceLiteResponder(bridge, browser.ufrag());
        IceControllingChecks checks = new IceControllingChecks(browser, bridge);
        byte[] request = checks.newRequest();

        StunMessage parsed = StunMessage.parse(request, 0, request.length);
        assertThat(IceLiteResponder.targetUfrag(parsed)).isEqualTo(bridge.ufrag());
        assertThat(parsed.iceControlling()).isNotNull();
        IceLiteResponder.CheckOutcome outcome = responder.answer(parsed, source);

        assertThat(outcome.valid()).isTrue();
        assertThat(outcome.nominated()).isTrue();
        StunMessage response = StunMessage.parse(outcome.response(), 0, outcome.response().length);
        assertThat(response.xorMappedAddress()).isEqualTo(source);
        assertThat(checks.acceptResponse(response)).isTrue();
    }

    @Test
    void ignoresChecksWithTheWrongUfragOrPassword() {
        IceLiteResponder responder = new IceLiteResponder(bridge, browser.ufrag());
        IceCredentials impostor = new IceCredentials(bridge.ufrag(), IceCredentials.random().pwd());

        byte[] wrongPwd = new IceControllingChecks(browser, impostor).newRequest();
        byte[] wrongUfrag = new IceControllingChecks(browser, IceCredentials.random()).newRequest();
        byte[] wrongRemote = new IceControllingChecks(IceCredentials.random(), bridge).newRequest();

        assertThat(responder.answer(StunMessage.parse(wrongPwd, 0, wrongPwd.length), source).valid()).isFalse();
        assertThat(responder.answer(StunMessage.parse(wrongUfrag, 0, wrongUfrag.length), source).valid()).isFalse();
        assertThat(responder.answer(StunMessage.parse(wrongRemote, 0, wrongRemote.length), source).valid()).isFalse();
    }

    @Test
    void afterAnIceRestartOnlyTheNewCredentialsAreAnswered() {
        IceLiteResponder responder = new IceLiteResponder(bridge, browser.ufrag());
        IceCredentials newBridge = IceCredentials.random();
        IceCredentials newBrowser = IceCredentials.random();
        responder.restart(newBridge, newBrowser.ufrag());

        byte[] old = new IceControllingChecks(browser, bridge).newRequest();
        byte[] fresh = new IceControllingChecks(newBrowser, newBridge).newRequest();

        assertThat(responder.answer(StunMessage.parse(old, 0, old.length), source).valid()).isFalse();
        assertThat(responder.answer(StunMessage.parse(fresh, 0, fresh.length), source).valid()).isTrue();
    }

    @Test
    void theControllingSideRejectsAnswersToChecksItNeverSent() {
        IceControllingChecks checks = new IceControllingChecks(browser, bridge);
        checks.newRequest();
        byte[] otherRequest = new IceControllingChecks(browser, bridge).newRequest();
        IceLiteResponder responder = new IceLiteResponder(bridge, null);
        byte[] answer = responder.answer(StunMessage.parse(otherRequest, 0, otherRequest.length), source).response();

        assertThat(checks.acceptResponse(StunMessage.parse(answer, 0, answer.length))).isFalse();
    }
}

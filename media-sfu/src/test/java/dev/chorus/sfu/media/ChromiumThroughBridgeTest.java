package dev.chorus.sfu.media;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chorus.sfu.ColibriHttp;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * The proof that the bridge interoperates with a real WebRTC stack: two headless Chromium pages
 * (Debian's chromium driven by playwright-core, fake microphone from a WAV of synthesized speech)
 * join one conference through the Colibri2 API; the listener's inbound-rtp must show the
 * speaker's packets and audio energy. Needs node, npm, chromium, espeak-ng and sox.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"chorus.sfu.udp-port=0", "chorus.sfu.bind-address=127.0.0.1"})
class ChromiumThroughBridgeTest {

  private static final String PLAYWRIGHT = "playwright-core@1.65.1";
  private static final Path WORK = Path.of("target", "browser-test");

  @LocalServerPort
  int port;

  @Test
  void aChromiumListenerHearsAChromiumSpeakerThroughTheBridge() throws Exception {
    Files.createDirectories(WORK);
    if (!Files.exists(WORK.resolve("node_modules/playwright-core"))) {
      run(List.of("npm", "install", "--no-audit", "--no-fund", "--no-save", PLAYWRIGHT), 300);
    }
    Path script = WORK.resolve("two-pages.mjs");
    Files.copy(Path.of("src/test/browser/two-pages.mjs"), script,
        StandardCopyOption.REPLACE_EXISTING);
    Path speech = WORK.resolve("speech.wav").toAbsolutePath();
    Path raw = WORK.resolve("speech-espeak.wav").toAbsolutePath();
    run(List.of("espeak-ng", "-w", raw.toString(),
        "Chorus bridge test. One two three four five six seven eight nine ten."), 60);
    // Chromium's fake capture reads 48 kHz mono signed 16-bit reliably.
    run(List.of("sox", raw.toString(), "-r", "48000", "-c", "1", "-b", "16", speech.toString()),
        60);
    Path profile = Files.createTempDirectory(WORK.toAbsolutePath(), "chromium-profile");

    String output = run(List.of("node", script.getFileName().toString(),
        "http://127.0.0.1:" + port, speech.toString(), profile.toString()), 120);

    String[] lines = output.strip().split("\n");
    JsonNode result = ColibriHttp.JSON.readTree(lines[lines.length - 1]);
    assertThat(result.path("error").isMissingNode()).as(output).isTrue();
    assertThat(result.path("inboundSsrc").asLong()).isEqualTo(result.path("speakerSsrc").asLong());
    assertThat(result.path("packetsReceived").asLong()).isGreaterThanOrEqualTo(100);
    assertThat(result.path("totalAudioEnergy").asDouble()).isPositive();
    assertThat(result.path("ok").asBoolean()).isTrue();
  }

  /** Runs a command in the work directory; answers its output (stderr merged). */
  private static String run(List<String> command, int timeoutSeconds)
      throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).directory(WORK.toFile())
        .redirectErrorStream(true).start();
    byte[] out = process.getInputStream().readAllBytes();
    if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
    String text = new String(out, StandardCharsets.UTF_8);
    if (command.get(0).equals("node")) {
      return text;
    }
    assertThat(process.exitValue()).as(String.join(" ", command) + "\n" + text).isZero();
    return text;
  }
}

package dev.chorus.launcher.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * Checks docker-compose.yml, which no test can start here (no Docker engine): the topology the
 * operators' guide promises, and that no secret is written into it. Where a compose binary is
 * installed (docker compose or docker-compose), it also has to accept the file.
 */
class ComposeFileTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path COMPOSE = ROOT.resolve("docker-compose.yml");
    private static final List<String> CHORUS_SERVICES =
            List.of("room-service", "signaling-service", "voice-service", "worker-service", "media-sfu");

    @SuppressWarnings("unchecked")
    private static Map<String, Object> compose() throws IOException {
        return new Yaml().load(Files.readString(COMPOSE));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> service(String name) throws IOException {
        Map<String, Object> services = (Map<String, Object>) compose().get("services");
        assertThat(services).as("services").containsKey(name);
        return (Map<String, Object>) services.get(name);
    }

    @Test
    @SuppressWarnings("unchecked")
    void runsEveryPartOfThePlatform() throws IOException {
        Map<String, Object> services = (Map<String, Object>) compose().get("services");
        assertThat(services.keySet()).contains("mongo", "redis", "rabbitmq", "gateway", "prometheus", "grafana",
                "jvb-eu", "jvb-us", "room-service", "signaling-service", "voice-service", "worker-service", "media-sfu");
        assertThat(((Map<?, ?>) service("signaling-service").get("deploy")).get("replicas")).isEqualTo(2);
        assertThat(service("media-sfu").get("profiles")).isEqualTo(List.of("media-sfu"));
        assertThat(String.valueOf(service("rabbitmq").get("image"))).contains("management");
    }

    @Test
    void everyServiceIsBuiltFromTheOneDockerfile() throws IOException {
        for (String name : CHORUS_SERVICES) {
            Map<?, ?> build = (Map<?, ?>) service(name).get("build");
            assertThat(build.get("dockerfile")).as(name).isEqualTo("docker/Dockerfile");
            assertThat(((Map<?, ?>) build.get("args")).get("MODULE")).as(name).isEqualTo(name);
        }
        assertThat(ROOT.resolve("docker/Dockerfile")).content()
                .contains("--layers").contains("USER 10001").contains("HEALTHCHECK");
    }

    @Test
    @SuppressWarnings("unchecked")
    void bridgesKeepTheirPrivateApiOnTheInternalNetwork() throws IOException {
        Map<?, ?> internal = (Map<?, ?>) ((Map<?, ?>) compose().get("networks")).get("internal");
        assertThat(internal.get("internal")).isEqualTo(true);
        for (String bridge : List.of("jvb-eu", "jvb-us")) {
            List<?> ports = (List<?>) service(bridge).get("ports");
            assertThat(ports).as(bridge + " publishes only UDP media")
                    .allSatisfy(port -> assertThat(String.valueOf(port)).endsWith("/udp"));
            assertThat((List<String>) service(bridge).get("networks")).contains("internal");
        }
        assertThat(ROOT.resolve("deploy/compose/jvb/custom-jvb.conf")).content().contains("rest").contains("enabled = true");
    }

    @Test
    void mediaSfuTakesItsApiTokenFromTheEnvironment() throws IOException {
        Map<?, ?> environment = (Map<?, ?>) service("media-sfu").get("environment");
        assertThat(String.valueOf(environment.get("CHORUS_SFU_API_TOKEN"))).startsWith("${CHORUS_SFU_API_TOKEN:?");
        assertThat(ROOT.resolve("deploy/compose/env.example")).content().contains("CHORUS_SFU_API_TOKEN=");
    }

    @Test
    void writesNoSecretIntoTheFile() throws IOException {
        for (String line : Files.readAllLines(COMPOSE)) {
            String trimmed = line.trim();
            if (trimmed.startsWith("#") || !trimmed.matches("[A-Z_]*(PASSWORD|PASS|TOKEN|SECRET|KEY)[A-Z_]*:.*")) {
                continue;
            }
            String value = trimmed.substring(trimmed.indexOf(':') + 1).trim();
            assertThat(value).as(trimmed).satisfiesAnyOf(
                    v -> assertThat(v).startsWith("${"),
                    v -> assertThat(v).startsWith("/run/secrets/"));
        }
    }

    @Test
    void prometheusScrapesEveryServiceAndBridge() throws IOException {
        String prometheus = Files.readString(ROOT.resolve("deploy/compose/prometheus/prometheus.yml"));
        for (String name : CHORUS_SERVICES) {
            assertThat(prometheus).contains("job_name: " + name);
        }
        assertThat(prometheus).contains("jvb-eu:8080").contains("jvb-us:8080");
        // The dashboard's media-sfu queries are checked against a real scrape in media-sfu's BridgeMetricsTest.
        assertThat(ROOT.resolve("deploy/compose/grafana/dashboards/chorus-overview.json")).content()
                .contains("Joins per second").contains("Voice setup latency")
                .contains("Bridge load (Jitsi Videobridge)").contains("Bridge load (media-sfu)");
    }

    @Test
    @SuppressWarnings("unchecked")
    void prometheusScrapesMediaSfuActuatorOnItsHttpPort() throws IOException {
        Map<String, Object> config = new Yaml().load(Files.readString(ROOT.resolve("deploy/compose/prometheus/prometheus.yml")));
        Map<String, Object> job = ((List<Map<String, Object>>) config.get("scrape_configs")).stream()
                .filter(j -> "media-sfu".equals(j.get("job_name"))).findFirst().orElseThrow();
        assertThat(job.get("metrics_path")).isEqualTo("/actuator/prometheus");
        Map<String, Object> target = ((List<Map<String, Object>>) job.get("dns_sd_configs")).get(0);
        assertThat((List<String>) target.get("names")).containsExactly("media-sfu");
        Map<?, ?> buildArgs = (Map<?, ?>) ((Map<?, ?>) service("media-sfu").get("build")).get("args");
        assertThat(String.valueOf(target.get("port"))).isEqualTo(buildArgs.get("PORT"));
        // Labelled like the Jitsi Videobridge targets, so that the dashboard groups every bridge alike.
        assertThat((List<Map<String, Object>>) job.get("relabel_configs"))
                .extracting(r -> r.get("target_label")).contains("region", "bridge");
    }

    @Test
    void composeAcceptsTheFileWhereItIsInstalled() throws Exception {
        Optional<List<String>> compose = composeCommand();
        if (compose.isEmpty()) {
            return; // the structural checks above are what this machine can do
        }
        List<String> command = new java.util.ArrayList<>(compose.get());
        command.addAll(List.of("-f", COMPOSE.toString(), "--profile", "media-sfu", "config", "-q"));
        ProcessBuilder builder = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true);
        // Placeholders for the secrets compose insists on; nothing is started.
        builder.environment().putAll(Map.of("RABBITMQ_PASSWORD", "placeholder", "CHORUS_SERVICE_TOKEN", "placeholder",
                "CHORUS_SFU_API_TOKEN", "placeholder", "PUBLIC_ADDRESS", "192.0.2.1"));
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(String.join(" ", command) + "\n" + output).isZero();
    }

    private static Optional<List<String>> composeCommand() {
        return Stream.of(List.of("docker", "compose", "version"), List.of("docker-compose", "version"))
                .filter(ComposeFileTest::succeeds)
                .map(c -> c.subList(0, c.size() - 1))
                .findFirst();
    }

    private static boolean succeeds(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }
}

package dev.chorus.launcher.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** Checks deploy/kubernetes for what the operations guide relies on. */
class KubernetesManifestsTest {

    private static final Path DIR = Path.of("..", "deploy", "kubernetes").toAbsolutePath().normalize();
    /** The optional media-sfu component; not applied unless the kustomization lists it. */
    private static final Path MEDIA_SFU = DIR.resolve("media-sfu");
    private static final String SFU_TOKEN_SECRET = "media-sfu-api-token";

    private static List<Map<String, Object>> documents() throws IOException {
        return documents(DIR);
    }

    private static List<Map<String, Object>> documents(Path dir) throws IOException {
        List<Map<String, Object>> documents = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                for (Object document : new Yaml().loadAll(Files.readString(file))) {
                    if (document != null) {
                        @SuppressWarnings("unchecked")
                        Map<String, Object> map = (Map<String, Object>) document;
                        documents.add(map);
                    }
                }
            }
        }
        return documents;
    }

    private static List<Map<String, Object>> ofKind(String kind) throws IOException {
        return ofKind(documents(), kind);
    }

    private static List<Map<String, Object>> ofKind(List<Map<String, Object>> documents, String kind) {
        return documents.stream().filter(d -> kind.equals(d.get("kind"))).toList();
    }

    private static String name(Map<String, Object> document) {
        return String.valueOf(((Map<?, ?>) document.get("metadata")).get("name"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> at(Map<String, Object> document, String... path) {
        Map<String, Object> node = document;
        for (String key : path) {
            node = (Map<String, Object>) node.get(key);
        }
        return node;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> containers(Map<String, Object> workload) {
        return (List<Map<String, Object>>) at(workload, "spec", "template", "spec").get("containers");
    }

    @Test
    void everyServiceIsProbedOnActuatorHealth() throws IOException {
        List<String> services = List.of("room-service", "signaling-service", "voice-service", "worker-service");
        List<Map<String, Object>> deployments = ofKind("Deployment");
        assertThat(deployments.stream().map(KubernetesManifestsTest::name)).containsAll(services);
        for (Map<String, Object> deployment : deployments.stream().filter(d -> services.contains(name(d))).toList()) {
            Map<String, Object> container = containers(deployment).get(0);
            assertThat(at(container, "readinessProbe", "httpGet").get("path")).as(name(deployment))
                    .isEqualTo("/actuator/health/readiness");
            assertThat(at(container, "livenessProbe", "httpGet").get("path")).as(name(deployment))
                    .isEqualTo("/actuator/health/liveness");
        }
    }

    @Test
    void signalingScalesHorizontally() throws IOException {
        Map<String, Object> signaling = ofKind("Deployment").stream().filter(d -> name(d).equals("signaling-service"))
                .findFirst().orElseThrow();
        assertThat((Integer) at(signaling, "spec").get("replicas")).isGreaterThan(1);
        assertThat(ofKind("HorizontalPodAutoscaler").stream().map(h -> at(h, "spec", "scaleTargetRef").get("name")))
                .contains("signaling-service");
    }

    @Test
    void eachRegionHasItsOwnBridgePoolOnHostNetworking() throws IOException {
        List<Map<String, Object>> pools = ofKind("StatefulSet");
        assertThat(pools.stream().map(KubernetesManifestsTest::name)).containsExactlyInAnyOrder("jvb-eu", "jvb-us");
        for (Map<String, Object> pool : pools) {
            Map<String, Object> pod = at(pool, "spec", "template", "spec");
            assertThat(pod.get("hostNetwork")).as(name(pool)).isEqualTo(true);
            String region = name(pool).substring("jvb-".length());
            assertThat(at(pool, "spec", "template", "spec", "nodeSelector").get("chorus.dev/bridge-pool")).isEqualTo(region);
        }
    }

    @Test
    void dataStoresAreExternalAndSecretsAreNotInTheManifests() throws IOException {
        List<String> kinds = documents().stream().map(d -> String.valueOf(d.get("kind"))).toList();
        assertThat(kinds).doesNotContain("Secret");
        List<String> workloads = Stream.concat(ofKind("Deployment").stream(), ofKind("StatefulSet").stream())
                .map(KubernetesManifestsTest::name).toList();
        assertThat(workloads).noneMatch(n -> n.contains("mongo") || n.contains("redis") || n.contains("rabbit"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void mediaSfuComponentHandsItsApiTokenToTheBridgeAndVoiceServiceOnly() throws IOException {
        List<Map<String, Object>> component = documents(MEDIA_SFU);
        assertThat(ofKind(component, "Component")).hasSize(1);
        Map<String, Object> pool = ofKind(component, "StatefulSet").get(0);
        assertThat(at(pool, "spec", "template", "spec").get("hostNetwork")).isEqualTo(true);
        Map<String, Object> bridge = containers(pool).get(0);
        assertThat(secretOf(bridge, "CHORUS_SFU_API_TOKEN")).isEqualTo(SFU_TOKEN_SECRET);

        Map<String, Object> fleet = ofKind(component, "Deployment").stream()
                .filter(d -> name(d).equals("voice-service")).findFirst().orElseThrow();
        List<Map<String, Object>> added = (List<Map<String, Object>>) containers(fleet).get(0).get("env");
        String tokenVariable = added.stream().map(e -> String.valueOf(e.get("name")))
                .filter(n -> n.matches("CHORUS_VOICE_BRIDGES_\\d+_API_TOKEN")).findFirst().orElseThrow();
        assertThat(secretOf(containers(fleet).get(0), tokenVariable)).isEqualTo(SFU_TOKEN_SECRET);
        // The added bridge takes an index the base fleet does not use.
        String index = tokenVariable.replaceAll("\\D", "");
        Map<String, Object> voice = ofKind("Deployment").stream().filter(d -> name(d).equals("voice-service"))
                .findFirst().orElseThrow();
        assertThat((List<Map<String, Object>>) containers(voice).get(0).get("env"))
                .noneMatch(e -> String.valueOf(e.get("name")).startsWith("CHORUS_VOICE_BRIDGES_" + index + "_"));
        // Nothing outside the component refers to the token's secret.
        assertThat(documents().toString()).doesNotContain(SFU_TOKEN_SECRET);

        Map<String, Object> monitor = ofKind(component, "PodMonitor").get(0);
        Map<String, Object> endpoint = ((List<Map<String, Object>>) at(monitor, "spec").get("podMetricsEndpoints")).get(0);
        assertThat(endpoint.get("path")).isEqualTo("/actuator/prometheus");
        assertThat((List<Map<String, Object>>) bridge.get("ports")).anyMatch(p -> endpoint.get("port").equals(p.get("name")));
    }

    @SuppressWarnings("unchecked")
    private static String secretOf(Map<String, Object> container, String variable) {
        Map<String, Object> entry = ((List<Map<String, Object>>) container.get("env")).stream()
                .filter(e -> variable.equals(e.get("name"))).findFirst().orElseThrow();
        assertThat(entry).as(variable + " has no literal value").doesNotContainKey("value");
        return String.valueOf(at(entry, "valueFrom", "secretKeyRef").get("name"));
    }
}

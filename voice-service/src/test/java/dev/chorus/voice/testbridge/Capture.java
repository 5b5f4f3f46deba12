package dev.chorus.voice.testbridge;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One request and answer recorded from a real Jitsi Videobridge (test resources
 * {@code colibri2-jvb-captures/<name>.*}): the request line and body sent, the status, headers and
 * body it answered.
 */
public record Capture(String name, String method, String path, String requestBody, int status,
        Map<String, String> headers, byte[] responseBody) {

    public static Capture load(String name) {
        String[] requestLine = read(name + ".req.txt").lines().findFirst().orElseThrow().split(" ");
        String requestBody = exists(name + ".req.body") ? read(name + ".req.body") : null;
        String[] headerLines = read(name + ".resp.headers").split("\r?\n");
        int status = Integer.parseInt(headerLines[0].split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < headerLines.length; i++) {
            int colon = headerLines[i].indexOf(':');
            if (colon > 0) {
                headers.put(headerLines[i].substring(0, colon), headerLines[i].substring(colon + 1).strip());
            }
        }
        return new Capture(name, requestLine[0], requestLine[1], requestBody, status, headers, bytes(name + ".resp.body"));
    }

    public String responseText() {
        return new String(responseBody, StandardCharsets.ISO_8859_1);
    }

    private static boolean exists(String file) {
        return Capture.class.getResource("/colibri2-jvb-captures/" + file) != null;
    }

    private static String read(String file) {
        return new String(bytes(file), StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String file) {
        try (InputStream in = Capture.class.getResourceAsStream("/colibri2-jvb-captures/" + file)) {
            if (in == null) {
                throw new IllegalArgumentException("no capture file " + file);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package dev.chorus.voice.colibri;

/** One ICE candidate as Colibri2 carries it (strings, as the bridge writes them). */
public record IceCandidate(String foundation, String component, String protocol, String priority, String ip,
        String port, String type, String generation, String relAddr, String relPort) {
}

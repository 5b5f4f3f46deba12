package dev.chorus.voice.colibri;

/**
 * What placement reads from {@code /colibri/stats}.
 *
 * @param stressLevel the bridge's own load estimate (1.0 = at its configured capacity)
 * @param draining    the bridge asks for no new conferences ({@code drain}, {@code graceful_shutdown}
 *                    or {@code shutting_down})
 * @param healthy     the bridge's own verdict, when it gives one
 */
public record BridgeStats(double stressLevel, boolean draining, boolean healthy, int conferences, int endpoints) {
}

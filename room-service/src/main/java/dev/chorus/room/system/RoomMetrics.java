package dev.chorus.room.system;

import dev.chorus.room.stage.LiveRooms;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/** Gauges read from the live state; counters for joins and messages live where those happen. */
@Component
class RoomMetrics {

    RoomMetrics(MeterRegistry meters, LiveRooms live) {
        Gauge.builder("chorus.rooms.live", live, LiveRooms::hallwaySize)
                .description("Live public rooms listed in the hallway").register(meters);
    }
}

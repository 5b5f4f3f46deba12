package dev.chorus.room.stage;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/** Turns the snapshot script's answer into a {@link RoomSnapshot}: host first, then moderators, then speakers. */
@Component
class SnapshotReader {

    private static final List<String> STAGE_ORDER = List.of("host", "moderator", "speaker");

    private final LiveRooms live;

    SnapshotReader(LiveRooms live) {
        this.live = live;
    }

    RoomSnapshot read(String roomId) {
        ScriptResult result = live.run(RoomScript.SNAPSHOT, roomId, null, null, null).orThrow();
        Map<String, String> meta = pairs(result.list(2));
        Map<String, String> roles = pairs(result.list(3));
        Map<String, String> names = pairs(result.list(4));
        Set<String> muted = new HashSet<>(result.list(5));
        List<String> hands = result.list(6);
        List<String> invited = result.list(7);

        Comparator<String> byName = Comparator.comparing(id -> names.getOrDefault(id, id), String.CASE_INSENSITIVE_ORDER);
        List<RoomSnapshot.StageMember> stage = roles.entrySet().stream()
                .filter(e -> STAGE_ORDER.contains(e.getValue()))
                .map(Map.Entry::getKey)
                .sorted(Comparator.<String>comparingInt(id -> STAGE_ORDER.indexOf(roles.get(id))).thenComparing(byName))
                .map(id -> new RoomSnapshot.StageMember(id, names.get(id), roles.get(id), muted.contains(id)))
                .toList();
        List<String> listeners = new ArrayList<>(roles.entrySet().stream()
                .filter(e -> e.getValue().equals("listener")).map(Map.Entry::getKey).sorted(byName).toList());
        listeners.removeAll(hands);
        List<RoomSnapshot.AudienceMember> audience = new ArrayList<>();
        hands.forEach(id -> audience.add(new RoomSnapshot.AudienceMember(id, names.get(id), true)));
        listeners.forEach(id -> audience.add(new RoomSnapshot.AudienceMember(id, names.get(id), false)));

        return new RoomSnapshot(roomId, meta.getOrDefault("title", ""), meta.get("status"), result.number(1),
                Integer.parseInt(meta.getOrDefault("speakerLimit", "0")), meta.get("hostId"), stage, audience,
                hands, invited, new RoomSnapshot.Counts(stage.size(), audience.size(), stage.size() + audience.size()));
    }

    private static Map<String, String> pairs(List<String> flat) {
        Map<String, String> map = new HashMap<>();
        for (int i = 0; i + 1 < flat.size(); i += 2) {
            map.put(flat.get(i), flat.get(i + 1));
        }
        return map;
    }
}

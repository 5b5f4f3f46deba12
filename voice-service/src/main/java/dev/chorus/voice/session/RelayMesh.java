package dev.chorus.voice.session;

import dev.chorus.colibri2.IceUdpTransport;
import dev.chorus.voice.VoiceProperties;
import dev.chorus.voice.bridge.BridgeRegistry;
import dev.chorus.voice.colibri.Colibri2Client;
import dev.chorus.voice.colibri.Colibri2Exception;
import dev.chorus.voice.colibri.RelayedEndpoint;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The relays that let a room span regions: between every two of the room's conferences (one per
 * region, on bridges that are up) a pair of Colibri2 relays, all in one mesh named by the room, set up
 * as Jicofo does it (allocate both, then hand each the other's transport). Each relay lists the
 * members of the other conference with their SSRCs, kept in step with joins, leaves and answers.
 * A relay request that fails leaves the pair out (logged) and the room marked unlinked: the next
 * change in the room or {@link RelayRetry} tries again, and members keep the audio of their own
 * region meanwhile.
 */
@Component
class RelayMesh {

    private static final Logger log = LoggerFactory.getLogger(RelayMesh.class);

    private final VoiceStore store;
    private final BridgeRegistry registry;
    private final Colibri2Client colibri;

    RelayMesh(VoiceStore store, BridgeRegistry registry, Colibri2Client colibri) {
        this.store = store;
        this.registry = registry;
        this.colibri = colibri;
    }

    /** The conferences of the room whose speakers members of {@code meetingId} hear through relays. */
    Set<String> linkedMeetings(String roomId, String meetingId) {
        Set<String> linked = new HashSet<>();
        for (RelayPair pair : store.relayPairs(roomId)) {
            if (pair.meetingA().equals(meetingId)) {
                linked.add(pair.meetingB());
            } else if (pair.meetingB().equals(meetingId)) {
                linked.add(pair.meetingA());
            }
        }
        return linked;
    }

    /**
     * Brings the room's relays in line with its conferences and members: pairs whose conference is
     * gone are torn down, missing pairs are built, and every relay's endpoint list is updated.
     *
     * @return the conferences whose members now hear other remote speakers (their offers change)
     */
    Set<String> reconcile(String roomId) {
        if (nothingToLink(roomId)) {
            return Set.of();
        }
        return store.locked("relays:" + roomId, () -> {
            List<ConferencePlacement> placements = store.conferences(roomId).stream()
                    .filter(p -> registry.isUp(p.bridge())).sorted(Comparator.comparing(ConferencePlacement::bridge))
                    .toList();
            List<MemberVoice> members = store.members(roomId);
            Set<String> changed = new HashSet<>();
            boolean complete = true;
            Map<String, RelayPair> pairs = new HashMap<>();
            for (RelayPair pair : store.relayPairs(roomId)) {
                Optional<ConferencePlacement> a = placement(placements, pair.bridgeA(), pair.meetingA());
                Optional<ConferencePlacement> b = placement(placements, pair.bridgeB(), pair.meetingB());
                if (a.isPresent() && b.isPresent()) {
                    pairs.put(pair.key(), pair);
                    continue;
                }
                a.ifPresent(p -> expireQuietly(roomId, p, pair.bridgeB()));
                b.ifPresent(p -> expireQuietly(roomId, p, pair.bridgeA()));
                store.forgetRelayPair(roomId, pair);
                if (!speakers(pair.announcedOnA()).isEmpty()) {
                    changed.add(pair.meetingA());
                }
                if (!speakers(pair.announcedOnB()).isEmpty()) {
                    changed.add(pair.meetingB());
                }
                log.info("Room {}: relays between {} and {} removed (a conference is gone)", roomId, pair.bridgeA(),
                        pair.bridgeB());
            }
            for (int i = 0; i < placements.size(); i++) {
                for (int j = i + 1; j < placements.size(); j++) {
                    ConferencePlacement a = placements.get(i);
                    ConferencePlacement b = placements.get(j);
                    if (pairs.containsKey(a.bridge() + "|" + b.bridge())) {
                        continue;
                    }
                    try {
                        RelayPair pair = link(roomId, a, b, members);
                        store.saveRelayPair(roomId, pair);
                        pairs.put(pair.key(), pair);
                        if (!speakers(pair.announcedOnA()).isEmpty()) {
                            changed.add(a.meetingId());
                        }
                        if (!speakers(pair.announcedOnB()).isEmpty()) {
                            changed.add(b.meetingId());
                        }
                    } catch (RuntimeException e) {
                        complete = false;
                        log.warn("Room {}: could not link {} ({}) and {} ({}) by relays, regions stay apart for now: {}",
                                roomId, a.bridge(), a.region(), b.bridge(), b.region(), e.getMessage());
                    }
                }
            }
            for (RelayPair pair : pairs.values()) {
                Optional<Set<String>> synced = sync(roomId, pair, placements, members);
                synced.ifPresent(changed::addAll);
                complete &= synced.isPresent();
            }
            store.relaysComplete(roomId, complete);
            return changed;
        });
    }

    /**
     * A room on one bridge, with no relays to tear down and none owed: what most joins and leaves see,
     * answered without the relay lock or the room's member list. What the full reconciliation would do
     * then is nothing.
     */
    private boolean nothingToLink(String roomId) {
        return store.relayPairs(roomId).isEmpty()
                && store.conferences(roomId).stream().filter(p -> registry.isUp(p.bridge())).count() < 2
                && !store.isUnlinked(roomId);
    }

    /** Allocates both relays, then hands each the other's transport (the smaller bridge name controls ICE). */
    private RelayPair link(String roomId, ConferencePlacement a, ConferencePlacement b, List<MemberVoice> members) {
        Map<String, Long> onA = announced(members, b.meetingId());
        Map<String, Long> onB = announced(members, a.meetingId());
        IceUdpTransport ofA = colibri.createRelay(bridge(a), a.meetingId(), b.bridge(), roomId, true,
                relayed(members, onA.keySet()));
        try {
            IceUdpTransport ofB = colibri.createRelay(bridge(b), b.meetingId(), a.bridge(), roomId, false,
                    relayed(members, onB.keySet()));
            try {
                colibri.setRelayTransport(bridge(a), a.meetingId(), b.bridge(), ofB, true);
                colibri.setRelayTransport(bridge(b), b.meetingId(), a.bridge(), ofA, false);
            } catch (RuntimeException e) {
                expireQuietly(roomId, b, a.bridge());
                throw e;
            }
        } catch (RuntimeException e) {
            expireQuietly(roomId, a, b.bridge());
            throw e;
        }
        log.info("Room {}: relays between {} ({}) and {} ({}) created, mesh {}", roomId, a.bridge(), a.region(),
                b.bridge(), b.region(), roomId);
        return new RelayPair(a.bridge(), a.meetingId(), b.bridge(), b.meetingId(), onA, onB);
    }

    /**
     * Updates both relays' endpoint lists; answers the conferences whose remote speakers changed, or
     * empty when a bridge refused the update.
     */
    private Optional<Set<String>> sync(String roomId, RelayPair pair, List<ConferencePlacement> placements,
            List<MemberVoice> members) {
        Map<String, Long> wantOnA = announced(members, pair.meetingB());
        Map<String, Long> wantOnB = announced(members, pair.meetingA());
        if (wantOnA.equals(pair.announcedOnA()) && wantOnB.equals(pair.announcedOnB())) {
            return Optional.of(Set.of());
        }
        try {
            update(placement(placements, pair.bridgeA(), pair.meetingA()).orElseThrow(), pair.bridgeB(),
                    pair.announcedOnA(), wantOnA, members);
            update(placement(placements, pair.bridgeB(), pair.meetingB()).orElseThrow(), pair.bridgeA(),
                    pair.announcedOnB(), wantOnB, members);
        } catch (Colibri2Exception e) {
            log.warn("Room {}: could not update the relays between {} and {}: {}", roomId, pair.bridgeA(), pair.bridgeB(),
                    e.getMessage());
            return Optional.empty();
        }
        store.saveRelayPair(roomId, pair.withAnnounced(wantOnA, wantOnB));
        Set<String> changed = new HashSet<>();
        if (!speakers(wantOnA).equals(speakers(pair.announcedOnA()))) {
            changed.add(pair.meetingA());
        }
        if (!speakers(wantOnB).equals(speakers(pair.announcedOnB()))) {
            changed.add(pair.meetingB());
        }
        return Optional.of(changed);
    }

    private void update(ConferencePlacement side, String relayId, Map<String, Long> had, Map<String, Long> want,
            List<MemberVoice> members) {
        List<String> created = new ArrayList<>();
        List<String> updated = new ArrayList<>();
        List<String> expired = new ArrayList<>();
        want.forEach((endpoint, ssrc) -> {
            if (!had.containsKey(endpoint)) {
                created.add(endpoint);
            } else if (!Objects.equals(had.get(endpoint), ssrc)) {
                updated.add(endpoint);
            }
        });
        had.keySet().stream().filter(e -> !want.containsKey(e)).forEach(expired::add);
        if (created.isEmpty() && updated.isEmpty() && expired.isEmpty()) {
            return;
        }
        colibri.updateRelayEndpoints(bridge(side), side.meetingId(), relayId, relayed(members, created),
                relayed(members, updated), expired);
        log.info("Relay {} of conference {} on {}: endpoints +{} ~{} -{}", relayId, side.meetingId(), side.bridge(),
                created, updated, expired);
    }

    private void expireQuietly(String roomId, ConferencePlacement side, String relayId) {
        try {
            colibri.expireRelay(bridge(side), side.meetingId(), relayId);
        } catch (RuntimeException e) {
            log.warn("Room {}: could not expire relay {} on {}: {}", roomId, relayId, side.bridge(), e.getMessage());
        }
    }

    /** Endpoint id → SSRC (0: no source) of the members of one conference. */
    private static Map<String, Long> announced(List<MemberVoice> members, String meetingId) {
        Map<String, Long> endpoints = new HashMap<>();
        members.stream().filter(m -> m.meetingId().equals(meetingId)).forEach(m -> endpoints.put(m.endpointId(), m.ssrc()));
        return endpoints;
    }

    private static Set<String> speakers(Map<String, Long> announced) {
        Set<String> speakers = new HashSet<>();
        announced.forEach((endpoint, ssrc) -> {
            if (ssrc != 0) {
                speakers.add(endpoint + ":" + ssrc);
            }
        });
        return speakers;
    }

    private static List<RelayedEndpoint> relayed(List<MemberVoice> members, Collection<String> endpointIds) {
        return members.stream().filter(m -> endpointIds.contains(m.endpointId()))
                .sorted(Comparator.comparing(MemberVoice::endpointId))
                .map(m -> new RelayedEndpoint(m.endpointId(), m.userId(), m.ssrc())).toList();
    }

    private static Optional<ConferencePlacement> placement(List<ConferencePlacement> placements, String bridge,
            String meetingId) {
        return placements.stream().filter(p -> p.bridge().equals(bridge) && p.meetingId().equals(meetingId)).findFirst();
    }

    private VoiceProperties.Bridge bridge(ConferencePlacement placement) {
        return registry.find(placement.bridge()).orElseThrow(() -> new NoBridgeException("of bridge " + placement.bridge()))
                .bridge();
    }
}

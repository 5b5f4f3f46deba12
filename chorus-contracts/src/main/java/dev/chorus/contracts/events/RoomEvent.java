package dev.chorus.contracts.events;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.time.Instant;

/**
 * One change of a room's state. Every room event carries the room's next sequence number
 * ({@code seq}, starting at 1 with {@code room-created}, without gaps), so a consumer that sees
 * a gap knows it missed something and asks for a snapshot. {@code actorId} is the user who caused
 * the change, or {@code null} when the platform did (an expiry, a lost connection).
 *
 * <p>On the wire this is JSON with a {@code type} field naming the event; it travels on the
 * room-events topic exchange with routing key {@code room.<roomId>.<type>}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = RoomCreated.class, name = RoomCreated.TYPE),
    @JsonSubTypes.Type(value = RoomUpdated.class, name = RoomUpdated.TYPE),
    @JsonSubTypes.Type(value = RoomEnded.class, name = RoomEnded.TYPE),
    @JsonSubTypes.Type(value = MemberJoined.class, name = MemberJoined.TYPE),
    @JsonSubTypes.Type(value = MemberLeft.class, name = MemberLeft.TYPE),
    @JsonSubTypes.Type(value = HandRaised.class, name = HandRaised.TYPE),
    @JsonSubTypes.Type(value = HandLowered.class, name = HandLowered.TYPE),
    @JsonSubTypes.Type(value = SpeakerInvited.class, name = SpeakerInvited.TYPE),
    @JsonSubTypes.Type(value = InviteDeclined.class, name = InviteDeclined.TYPE),
    @JsonSubTypes.Type(value = RoleChanged.class, name = RoleChanged.TYPE),
    @JsonSubTypes.Type(value = MuteChanged.class, name = MuteChanged.TYPE),
    @JsonSubTypes.Type(value = MessagePosted.class, name = MessagePosted.TYPE),
    @JsonSubTypes.Type(value = MessageDeleted.class, name = MessageDeleted.TYPE),
})
public sealed interface RoomEvent
        permits RoomCreated, RoomUpdated, RoomEnded, MemberJoined, MemberLeft, HandRaised, HandLowered,
        SpeakerInvited, InviteDeclined, RoleChanged, MuteChanged, MessagePosted, MessageDeleted {

    String roomId();

    long seq();

    Instant at();

    String actorId();

    /** The event's name, as in its {@code type} field and the last part of its routing key. */
    String type();
}

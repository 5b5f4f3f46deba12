package dev.chorus.room.stage;

import dev.chorus.room.system.ApiProblem;
import java.util.List;
import org.springframework.http.HttpStatus;

/** The answer of a room script, with the refusals turned into problems a client understands. */
record ScriptResult(List<Object> values) {

    String status() {
        return (String) values.get(0);
    }

    boolean changed() {
        return "OK".equals(status());
    }

    String string(int index) {
        return (String) values.get(index);
    }

    long number(int index) {
        return Long.parseLong(string(index));
    }

    int size() {
        return values.size();
    }

    @SuppressWarnings("unchecked")
    List<String> list(int index) {
        return (List<String>) values.get(index);
    }

    /** Throws the problem for a refusal; returns itself otherwise. */
    ScriptResult orThrow() {
        if ("ERR".equals(status())) {
            throw refusal(string(1));
        }
        return this;
    }

    static ApiProblem refusal(String code) {
        return switch (code) {
            case "room-not-found" -> new ApiProblem(HttpStatus.NOT_FOUND, code, "This room does not exist");
            case "room-ended" -> new ApiProblem(HttpStatus.CONFLICT, code, "This room has ended");
            case "room-not-started" -> new ApiProblem(HttpStatus.CONFLICT, code, "This room has not started yet");
            case "banned" -> new ApiProblem(HttpStatus.FORBIDDEN, code, "You were removed from this room");
            case "not-invited" -> new ApiProblem(HttpStatus.FORBIDDEN, code, "This room is invite-only");
            case "not-member" -> new ApiProblem(HttpStatus.FORBIDDEN, code, "Join the room first");
            case "not-moderator" -> new ApiProblem(HttpStatus.FORBIDDEN, code, "Only the host and moderators may do this");
            case "host-only" -> new ApiProblem(HttpStatus.FORBIDDEN, code, "Only the host may do this to a moderator");
            case "target-is-host" -> new ApiProblem(HttpStatus.FORBIDDEN, code, "Nobody but the host may do this to the host");
            case "only-self-unmute" -> new ApiProblem(HttpStatus.FORBIDDEN, code, "Only speakers unmute themselves");
            case "not-yourself" -> new ApiProblem(HttpStatus.CONFLICT, code, "Leave the room instead of removing yourself");
            case "already-on-stage" -> new ApiProblem(HttpStatus.CONFLICT, code, "This person is already on stage");
            case "already-invited" -> new ApiProblem(HttpStatus.CONFLICT, code, "This person has already been invited to speak");
            case "stage-full" -> new ApiProblem(HttpStatus.CONFLICT, code, "The stage is full");
            case "no-invitation" -> new ApiProblem(HttpStatus.CONFLICT, code, "There is no invitation to speak to answer");
            case "not-on-stage" -> new ApiProblem(HttpStatus.CONFLICT, code, "This person is not on stage");
            case "not-moderator-target" -> new ApiProblem(HttpStatus.CONFLICT, code, "This person is not a moderator");
            case "host-cannot-step-down" -> new ApiProblem(HttpStatus.CONFLICT, code,
                    "The host cannot step down; make someone else host by leaving, or end the room");
            case "last-moderator" -> new ApiProblem(HttpStatus.CONFLICT, code, "The room needs at least one moderator");
            default -> new ApiProblem(HttpStatus.CONFLICT, code, "Refused: " + code);
        };
    }
}

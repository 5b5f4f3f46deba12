package dev.chorus.room.room;

import dev.chorus.auth.ChorusPrincipal;
import dev.chorus.room.stage.VoiceRegion;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/rooms")
class RoomController {

    private final RoomService rooms;
    private final VoiceRegion region;

    RoomController(RoomService rooms, VoiceRegion region) {
        this.rooms = rooms;
        this.region = region;
    }

    /** The host joins at once (unless the room is scheduled), in the region named or the gateway's. */
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    RoomView create(@AuthenticationPrincipal ChorusPrincipal me, @Valid @RequestBody RoomRequests.Create request,
            HttpServletRequest http) {
        return rooms.create(me, request, region.of(request.region(), http));
    }

    @GetMapping
    Hallway hallway(@RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        return rooms.hallway(page, size);
    }

    @GetMapping("/{roomId}")
    RoomView room(@PathVariable String roomId) {
        return rooms.view(roomId);
    }

    @PatchMapping("/{roomId}")
    RoomView edit(@PathVariable String roomId, @AuthenticationPrincipal ChorusPrincipal me,
            @Valid @RequestBody RoomRequests.Edit edit) {
        return rooms.edit(roomId, me, edit);
    }

    @PostMapping("/{roomId}/end")
    RoomView end(@PathVariable String roomId, @AuthenticationPrincipal ChorusPrincipal me) {
        return rooms.end(roomId, me);
    }

    @PostMapping("/{roomId}/invites")
    RoomView invite(@PathVariable String roomId, @AuthenticationPrincipal ChorusPrincipal me,
            @Valid @RequestBody RoomRequests.Invite invite) {
        return rooms.invite(roomId, me, invite);
    }
}

package dev.chorus.room.stage;

import dev.chorus.auth.ChorusPrincipal;
import dev.chorus.contracts.events.LeaveReason;
import dev.chorus.contracts.events.Role;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Joining, leaving and everything that moves people between the audience and the stage. */
@RestController
@RequestMapping("/api/v1/rooms/{roomId}")
class StageController {

    private final StageService stage;
    private final VoiceRegion region;

    StageController(StageService stage, VoiceRegion region) {
        this.stage = stage;
        this.region = region;
    }

    record JoinRequest(@Pattern(regexp = VoiceRegion.NAME, message = "must be a region name") String region) {
    }

    @PostMapping("/join")
    StageService.JoinAnswer join(@PathVariable String roomId, @AuthenticationPrincipal ChorusPrincipal me,
            @Valid @RequestBody(required = false) JoinRequest request, HttpServletRequest http) {
        return stage.join(roomId, me, region.of(request == null ? null : request.region(), http));
    }

    @PostMapping("/leave")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void leave(@PathVariable String roomId, @AuthenticationPrincipal ChorusPrincipal me) {
        stage.leave(roomId, me.userId(), LeaveReason.LEFT);
    }

    @GetMapping("/snapshot")
    RoomSnapshot snapshot(@PathVariable String roomId, @AuthenticationPrincipal ChorusPrincipal me) {
        return stage.snapshot(roomId, me.userId());
    }

    @PostMapping("/hand")
    RoomSnapshot raiseHand(@PathVariable String roomId, @AuthenticationPrincipal ChorusPrincipal me) {
        return stage.raiseHand(roomId, me.userId());
    }

    @DeleteMapping("/hand")
    RoomSnapshot lowerHand(@PathVariable String roomId, @AuthenticationPrincipal ChorusPrincipal me) {
        return stage.lowerHand(roomId, me.userId());
    }

    @PostMapping("/members/{userId}/invite")
    RoomSnapshot invite(@PathVariable String roomId, @PathVariable String userId,
            @AuthenticationPrincipal ChorusPrincipal me) {
        return stage.invite(roomId, me.userId(), userId);
    }

    @PostMapping("/invitation/accept")
    RoomSnapshot accept(@PathVariable String roomId, @AuthenticationPrincipal ChorusPrincipal me) {
        return stage.acceptInvitation(roomId, me.userId());
    }

    @PostMapping("/invitation/decline")
    RoomSnapshot decline(@PathVariable String roomId, @AuthenticationPrincipal ChorusPrincipal me) {
        return stage.declineInvitation(roomId, me.userId());
    }

    @PostMapping("/members/{userId}/move-to-audience")
    RoomSnapshot moveToAudience(@PathVariable String roomId, @PathVariable String userId,
            @AuthenticationPrincipal ChorusPrincipal me) {
        return stage.changeRole(roomId, me.userId(), userId, Role.LISTENER);
    }

    @PostMapping("/members/{userId}/moderator")
    RoomSnapshot makeModerator(@PathVariable String roomId, @PathVariable String userId,
            @AuthenticationPrincipal ChorusPrincipal me) {
        return stage.changeRole(roomId, me.userId(), userId, Role.MODERATOR);
    }

    @DeleteMapping("/members/{userId}/moderator")
    RoomSnapshot unmakeModerator(@PathVariable String roomId, @PathVariable String userId,
            @AuthenticationPrincipal ChorusPrincipal me) {
        return stage.changeRole(roomId, me.userId(), userId, Role.SPEAKER);
    }

    @PostMapping("/members/{userId}/mute")
    RoomSnapshot mute(@PathVariable String roomId, @PathVariable String userId,
            @AuthenticationPrincipal ChorusPrincipal me) {
        return stage.setMuted(roomId, me.userId(), userId, true);
    }

    @DeleteMapping("/members/{userId}/mute")
    RoomSnapshot unmute(@PathVariable String roomId, @PathVariable String userId,
            @AuthenticationPrincipal ChorusPrincipal me) {
        return stage.setMuted(roomId, me.userId(), userId, false);
    }

    @DeleteMapping("/members/{userId}")
    RoomSnapshot remove(@PathVariable String roomId, @PathVariable String userId,
            @AuthenticationPrincipal ChorusPrincipal me) {
        return stage.remove(roomId, me.userId(), userId);
    }

    @PostMapping("/step-down")
    RoomSnapshot stepDown(@PathVariable String roomId, @AuthenticationPrincipal ChorusPrincipal me) {
        return stage.stepDown(roomId, me.userId());
    }
}

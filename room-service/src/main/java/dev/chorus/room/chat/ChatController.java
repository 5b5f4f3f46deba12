package dev.chorus.room.chat;

import dev.chorus.auth.ChorusPrincipal;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/rooms/{roomId}/messages")
class ChatController {

    private final ChatService chat;

    ChatController(ChatService chat) {
        this.chat = chat;
    }

    record PostRequest(@NotNull @Size(min = 1, max = 1000) String text) {
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    MessageView post(@PathVariable String roomId, @AuthenticationPrincipal ChorusPrincipal me,
            @Valid @RequestBody PostRequest request) {
        return chat.post(roomId, me, request.text());
    }

    @GetMapping
    ChatService.Page history(@PathVariable String roomId, @AuthenticationPrincipal ChorusPrincipal me,
            @RequestParam(required = false) String before,
            @RequestParam(defaultValue = "50") @Min(1) @Max(200) int limit) {
        return chat.history(roomId, me.userId(), before, limit);
    }

    @DeleteMapping("/{messageId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable String roomId, @PathVariable String messageId, @AuthenticationPrincipal ChorusPrincipal me) {
        chat.delete(roomId, messageId, me);
    }
}

package dev.chorus.worker.command;

import dev.chorus.contracts.commands.Command;
import dev.chorus.worker.RedisKeys;
import dev.chorus.worker.WorkerProperties;
import dev.chorus.worker.voice.VoiceServiceException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.AmqpRejectAndDontRequeueException;
import org.springframework.amqp.core.Message;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs one delivered command: unreadable commands go straight to the dead-letter queue; a command
 * already done (same {@code commandId}) is acknowledged without effect; failures that may pass are
 * retried with exponential backoff up to {@code chorus.worker.max-attempts}, then the member is told
 * (voice-failed) and the command is dead-lettered.
 */
@Component
class CommandProcessor {

    private static final Logger log = LoggerFactory.getLogger(CommandProcessor.class);
    private static final Duration REMEMBER_DONE = Duration.ofDays(1);

    private final VoiceCommandHandler handler;
    private final WorkerMetrics metrics;
    private final WorkerProperties properties;
    private final StringRedisTemplate redis;
    private final RedisKeys keys;
    private final JsonMapper json;

    CommandProcessor(VoiceCommandHandler handler, WorkerMetrics metrics, WorkerProperties properties,
            StringRedisTemplate redis, RedisKeys keys, JsonMapper json) {
        this.handler = handler;
        this.metrics = metrics;
        this.properties = properties;
        this.redis = redis;
        this.keys = keys;
        this.json = json;
    }

    void process(Message message) {
        String type = message.getMessageProperties().getReceivedRoutingKey();
        Command command = read(message, type);
        String done = keys.done(command.commandId());
        if (Boolean.TRUE.equals(redis.hasKey(done))) {
            metrics.command(type, "duplicate");
            log.info("Command {} ({}) was already handled; ignoring the repeat", command.commandId(), type);
            return;
        }
        Duration backoff = properties.initialBackoff();
        for (int attempt = 1; ; attempt++) {
            try {
                VoiceCommandHandler.Outcome outcome = handler.handle(command);
                metrics.command(type, outcome == VoiceCommandHandler.Outcome.STALE ? "stale" : "handled");
                if (outcome == VoiceCommandHandler.Outcome.STALE) {
                    log.info("Command {} ({}) is older than the state already applied; skipped", command.commandId(), type);
                }
                redis.opsForValue().set(done, "1", REMEMBER_DONE);
                return;
            } catch (PermanentFailure e) {
                handler.giveUp(command, "rejected", e.getMessage());
                metrics.command(type, "failed");
                redis.opsForValue().set(done, "1", REMEMBER_DONE);
                return;
            } catch (RuntimeException e) {
                if (attempt >= properties.maxAttempts()) {
                    String reason = e instanceof VoiceServiceException v && "no-bridge".equals(v.code()) ? "no-bridge"
                            : "retries-exhausted";
                    handler.giveUp(command, reason, "Voice could not be set up after " + attempt + " attempts: " + e.getMessage());
                    metrics.deadLetter(type);
                    metrics.command(type, "dead-lettered");
                    log.error("Command {} ({}) failed {} times; dead-lettered: {}", command.commandId(), type, attempt,
                            e.getMessage());
                    throw new AmqpRejectAndDontRequeueException("command " + command.commandId() + " failed", e);
                }
                metrics.retry(type);
                log.warn("Command {} ({}) attempt {} failed, retrying in {} ms: {}", command.commandId(), type, attempt,
                        backoff.toMillis(), e.getMessage());
                sleep(backoff);
                backoff = backoff.multipliedBy(2).compareTo(properties.maxBackoff()) > 0 ? properties.maxBackoff()
                        : backoff.multipliedBy(2);
            }
        }
    }

    private Command read(Message message, String type) {
        try {
            Command command = json.readValue(message.getBody(), Command.class);
            if (command.commandId() == null || command.commandId().isBlank()) {
                throw new IllegalArgumentException("command without commandId");
            }
            return command;
        } catch (JacksonException | IllegalArgumentException e) {
            metrics.deadLetter(type);
            metrics.command(type, "dead-lettered");
            log.error("Unreadable {} command dead-lettered: {}", type, e.getMessage());
            throw new AmqpRejectAndDontRequeueException("unreadable command", e);
        }
    }

    private static void sleep(Duration backoff) {
        try {
            Thread.sleep(backoff.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AmqpRejectAndDontRequeueException("interrupted during backoff", e);
        }
    }
}

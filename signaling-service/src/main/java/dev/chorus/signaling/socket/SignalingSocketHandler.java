package dev.chorus.signaling.socket;

import dev.chorus.auth.ChorusPrincipal;
import dev.chorus.contracts.commands.VoiceAnswer;
import dev.chorus.signaling.NodeIdentity;
import dev.chorus.signaling.SignalingProperties;
import dev.chorus.signaling.connection.ClientConnection;
import dev.chorus.signaling.connection.CloseCodes;
import dev.chorus.signaling.connection.FrameWriter;
import dev.chorus.signaling.connection.LocalConnections;
import dev.chorus.signaling.frame.ClientFrame;
import dev.chorus.signaling.frame.ErrorCode;
import dev.chorus.signaling.frame.FrameException;
import dev.chorus.signaling.frame.FrameReader;
import dev.chorus.signaling.frame.ServerFrame;
import dev.chorus.contracts.messaging.CommandPublisher;
import dev.chorus.signaling.messaging.NodeQueueBindings;
import dev.chorus.signaling.presence.PresenceTracker;
import dev.chorus.signaling.room.RoomServiceClient;
import dev.chorus.signaling.room.RoomSubscriptions;
import jakarta.websocket.Session;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.adapter.NativeWebSocketSession;
import org.springframework.web.socket.handler.TextWebSocketHandler;

/** The life of one socket: welcome, the client's frames, and cleaning up when it closes. */
@Component
class SignalingSocketHandler extends TextWebSocketHandler {

    private static final Logger log = LoggerFactory.getLogger(SignalingSocketHandler.class);
    /** Tomcat's per-session limit on how long one blocking send may take. */
    private static final String TOMCAT_BLOCKING_SEND_TIMEOUT = "org.apache.tomcat.websocket.BLOCKING_SEND_TIMEOUT";

    private final LocalConnections connections;
    private final RoomSubscriptions subscriptions;
    private final PresenceTracker presence;
    private final NodeQueueBindings bindings;
    private final RoomServiceClient roomService;
    private final CommandPublisher commands;
    private final FrameReader reader;
    private final FrameWriter writer;
    private final SignalingProperties properties;
    private final String nodeId;
    private final Map<String, FrameAssembler> assemblers = new ConcurrentHashMap<>();

    SignalingSocketHandler(LocalConnections connections, RoomSubscriptions subscriptions, PresenceTracker presence,
            NodeQueueBindings bindings, RoomServiceClient roomService, CommandPublisher commands, FrameReader reader,
            FrameWriter writer, SignalingProperties properties, NodeIdentity node) {
        this.connections = connections;
        this.subscriptions = subscriptions;
        this.presence = presence;
        this.bindings = bindings;
        this.roomService = roomService;
        this.commands = commands;
        this.reader = reader;
        this.writer = writer;
        this.properties = properties;
        this.nodeId = node.id();
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession session) throws Exception {
        try {
            open(session);
        } catch (RuntimeException e) {
            // Logged here without the session's URI, which carries the access token.
            log.error("Could not set up socket {}; closing it", session.getId(), e);
            session.close(CloseStatus.SERVER_ERROR);
        }
    }

    private void open(WebSocketSession session) {
        limitBlockingSends(session);
        ChorusPrincipal principal = (ChorusPrincipal) session.getAttributes().get(TokenHandshakeInterceptor.PRINCIPAL);
        ClientConnection connection = connections.open(session, principal,
                (String) session.getAttributes().get(TokenHandshakeInterceptor.TOKEN),
                (Instant) session.getAttributes().get(TokenHandshakeInterceptor.TOKEN_EXPIRES_AT),
                userId -> {
                    bindings.bindUser(userId);
                    presence.userConnected(userId);
                });
        assemblers.put(session.getId(), new FrameAssembler((int) properties.maxFrameSize().toBytes()));
        connection.send(writer.encode(new ServerFrame.Welcome(nodeId, principal.userId(),
                properties.heartbeat().toSeconds())));
        log.info("User {} ({}) opened {} on node {}", principal.userId(), principal.username(), session.getId(), nodeId);
    }

    @Override
    protected void handleTextMessage(WebSocketSession session, TextMessage message) {
        ClientConnection connection = connections.get(session.getId());
        FrameAssembler assembler = assemblers.get(session.getId());
        if (connection == null || assembler == null) {
            return;
        }
        try {
            String text = assembler.accept(message.getPayload(), message.isLast());
            if (text == null) {
                return;
            }
            if (connection.tokenExpired(Instant.now())) {
                connection.send(writer.encode(ServerFrame.Error.of(ErrorCode.UNAUTHENTICATED,
                        "The access token expired; reconnect with a fresh one", null)));
                connection.closeAfterFlush(CloseCodes.TOKEN_EXPIRED);
                return;
            }
            handle(connection, reader.read(text));
        } catch (FrameException refused) {
            log.debug("Frame from {} refused: {} {}", connection, refused.code().wireName(), refused.getMessage());
            connection.send(writer.encode(refused.toFrame()));
        } catch (RuntimeException e) {
            // Broker or Redis trouble: the client may try again; the socket stays.
            log.error("Handling a frame from {} failed", connection, e);
            connection.send(writer.encode(ServerFrame.Error.of(ErrorCode.UNAVAILABLE,
                    "The signaling service could not do that now; try again", null)));
        }
    }

    private void handle(ClientConnection connection, ClientFrame frame) {
        if (frame instanceof ClientFrame.Subscribe subscribe) {
            subscriptions.subscribe(connection, subscribe.roomId());
        } else if (frame instanceof ClientFrame.Unsubscribe unsubscribe) {
            subscriptions.unsubscribe(connection, unsubscribe.roomId());
        } else if (frame instanceof ClientFrame.Resync resync) {
            subscriptions.resync(connection, resync.roomId());
        } else if (frame instanceof ClientFrame.Ping ping) {
            connection.send(writer.encode(new ServerFrame.Pong(ping.id())));
        } else if (frame instanceof ClientFrame.VoiceAnswer answer) {
            relayAnswer(connection, answer);
        } else if (frame instanceof ClientFrame.Mute mute) {
            roomService.setOwnMute(connection.accessToken(), mute.roomId(), connection.userId(), mute.muted());
            log.info("User {} set own mute to {} in room {}", connection.userId(), mute.muted(), mute.roomId());
        }
    }

    private void relayAnswer(ClientConnection connection, ClientFrame.VoiceAnswer answer) {
        if (!subscriptions.isSubscribed(connection, answer.roomId())) {
            throw new FrameException(ErrorCode.NOT_SUBSCRIBED,
                    "Subscribe to room " + answer.roomId() + " before answering its voice session", answer.roomId());
        }
        commands.publish(new VoiceAnswer(UUID.randomUUID().toString(), Instant.now(), answer.roomId(),
                connection.userId(), answer.sessionId(), answer.sdp()));
        log.info("Relayed the voice answer of user {} for session {} in room {}", connection.userId(),
                answer.sessionId(), answer.roomId());
    }

    /** Partial messages let the container buffer stay small; see {@link FrameAssembler}. */
    @Override
    public boolean supportsPartialMessages() {
        return true;
    }

    @Override
    public void handleTransportError(WebSocketSession session, Throwable exception) {
        log.debug("Transport error on socket {}: {}", session.getId(), exception.toString());
    }

    @Override
    public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
        try {
            closed(session, status);
        } catch (RuntimeException e) {
            // Logged here without the session's URI, which carries the access token.
            log.error("Cleaning up after socket {} failed", session.getId(), e);
        }
    }

    private void closed(WebSocketSession session, CloseStatus status) {
        assemblers.remove(session.getId());
        ClientConnection connection = connections.get(session.getId());
        if (connection == null) {
            return;
        }
        // Subscriptions go first, so that the rooms recorded for the grace period are the ones the user had.
        subscriptions.dropAll(connection);
        connections.remove(connection, userId -> {
            bindings.unbindUser(userId);
            presence.userDisconnected(userId);
        });
        connection.close(status);
        log.info("Socket {} of user {} closed ({}) on node {}", session.getId(), connection.userId(), status, nodeId);
    }

    private void limitBlockingSends(WebSocketSession session) {
        if (session instanceof NativeWebSocketSession nativeSession
                && nativeSession.getNativeSession() instanceof Session standard) {
            standard.getUserProperties().put(TOMCAT_BLOCKING_SEND_TIMEOUT, properties.sendTimeLimit().toMillis());
        }
    }
}

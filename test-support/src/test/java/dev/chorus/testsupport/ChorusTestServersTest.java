package dev.chorus.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.bson.Document;
import org.junit.jupiter.api.Test;

class ChorusTestServersTest {

    @Test
    void mongoServerStoresAndFindsADocumentOverTheWire() {
        try (MongoClient client = MongoClients.create(ChorusTestServers.mongoUri())) {
            MongoCollection<Document> rooms = client.getDatabase("probe").getCollection("rooms");
            rooms.insertOne(new Document("_id", "r1").append("title", "Morning show"));

            assertThat(rooms.find(new Document("_id", "r1")).first()).containsEntry("title", "Morning show");
        }
    }

    @Test
    void redisAnswersPing() throws Exception {
        ServerAddress redis = ChorusTestServers.redis();
        try (Socket socket = new Socket(redis.host(), redis.port())) {
            OutputStream out = socket.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] reply = in.readNBytes(7);

            assertThat(new String(reply, StandardCharsets.US_ASCII)).isEqualTo("+PONG\r\n");
        }
    }

    @Test
    void rabbitAnswersTheAmqpProtocolHeader() throws Exception {
        ServerAddress rabbit = ChorusTestServers.rabbit();
        try (Socket socket = new Socket(rabbit.host(), rabbit.port())) {
            socket.getOutputStream().write(new byte[] {'A', 'M', 'Q', 'P', 0, 0, 9, 1});
            byte[] frameStart = socket.getInputStream().readNBytes(1);

            assertThat(frameStart[0]).as("connection.start frame type").isEqualTo((byte) 1);
        }
    }
}

package dev.chorus.voice;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Drives the bridge fleet over Colibri2 and prepares voice sessions for browsers. It keeps no data in
 * Mongo: when the launcher runs every service in one JVM, Mongo is on the classpath all the same, so
 * its auto-configuration is turned off here.
 */
@SpringBootApplication(excludeName = {
    "org.springframework.boot.mongodb.autoconfigure.MongoAutoConfiguration",
    "org.springframework.boot.mongodb.autoconfigure.MongoReactiveAutoConfiguration",
    "org.springframework.boot.data.mongodb.autoconfigure.DataMongoAutoConfiguration",
    "org.springframework.boot.data.mongodb.autoconfigure.DataMongoReactiveAutoConfiguration",
    "org.springframework.boot.data.mongodb.autoconfigure.DataMongoRepositoriesAutoConfiguration",
    "org.springframework.boot.data.mongodb.autoconfigure.DataMongoReactiveRepositoriesAutoConfiguration",
})
@ConfigurationPropertiesScan
@EnableScheduling
public class VoiceServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(VoiceServiceApplication.class, args);
    }
}

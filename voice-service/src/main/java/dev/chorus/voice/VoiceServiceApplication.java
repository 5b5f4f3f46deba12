package dev.chorus.voice;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Drives the bridge fleet over Colibri2 and prepares voice sessions for browsers. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class VoiceServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(VoiceServiceApplication.class, args);
    }
}

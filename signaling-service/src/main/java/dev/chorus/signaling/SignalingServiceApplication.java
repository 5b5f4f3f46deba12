package dev.chorus.signaling;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Holds the browsers' WebSockets, tracks presence, and fans room events out to them. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class SignalingServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(SignalingServiceApplication.class, args);
    }
}

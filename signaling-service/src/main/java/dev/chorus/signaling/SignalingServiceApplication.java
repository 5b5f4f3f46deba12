package dev.chorus.signaling;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Holds the browsers' WebSockets, tracks presence, and fans room events out to them.
 *
 * <p>When the services share one JVM (the launcher, integration tests), other services' libraries
 * are on the classpath too. Spring Security would lock every endpoint of this service (it checks its
 * own tokens at the handshake) and Mongo would add a client and a health check for a database it
 * does not use, so their auto-configurations are left out by name (a name absent from the
 * classpath is ignored).
 */
@SpringBootApplication(excludeName = {
    "org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration",
    "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration",
    "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
    "org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration",
    "org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration",
    "org.springframework.boot.mongodb.autoconfigure.MongoAutoConfiguration",
    "org.springframework.boot.mongodb.autoconfigure.health.MongoHealthContributorAutoConfiguration",
    "org.springframework.boot.mongodb.autoconfigure.metrics.MongoMetricsAutoConfiguration",
    "org.springframework.boot.data.mongodb.autoconfigure.DataMongoAutoConfiguration",
    "org.springframework.boot.data.mongodb.autoconfigure.DataMongoRepositoriesAutoConfiguration",
})
@ConfigurationPropertiesScan
@EnableScheduling
public class SignalingServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(SignalingServiceApplication.class, args);
    }
}

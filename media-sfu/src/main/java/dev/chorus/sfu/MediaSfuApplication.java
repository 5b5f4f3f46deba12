package dev.chorus.sfu;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/** The audio SFU: Colibri2 REST on HTTP, media on one UDP port. */
@SpringBootApplication
@EnableConfigurationProperties(SfuProperties.class)
public class MediaSfuApplication {

  public static void main(String[] args) {
    SpringApplication.run(MediaSfuApplication.class, args);
  }
}

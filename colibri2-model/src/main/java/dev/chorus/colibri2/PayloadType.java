package dev.chorus.colibri2;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/** A payload type; Colibri2 writes every value, numbers included, as a string. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record PayloadType(
    String name, String id, String channels, String clockrate, Map<String, String> parameters) {

  public static PayloadType opus(int id) {
    return new PayloadType("opus", Integer.toString(id), "2", "48000",
        Map.of("minptime", "10", "useinbandfec", "1"));
  }
}

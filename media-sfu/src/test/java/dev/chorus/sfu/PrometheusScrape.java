package dev.chorus.sfu;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** One scrape of {@code /actuator/prometheus} over HTTP, read as series and values. */
public record PrometheusScrape(Map<String, Double> series) {

  private static final Pattern SAMPLE =
      Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{[^}]*\\})?\\s+(\\S+)");

  public static PrometheusScrape of(ColibriHttp http) {
    ColibriHttp.Response response = http.send("GET", "/actuator/prometheus", null);
    if (response.status() != 200) {
      throw new IllegalStateException("/actuator/prometheus answered " + response);
    }
    Map<String, Double> series = new TreeMap<>();
    for (String line : response.body().split("\n")) {
      Matcher sample = SAMPLE.matcher(line);
      if (!line.startsWith("#") && sample.find()) {
        String labels = sample.group(2) == null ? "" : sample.group(2);
        series.put(sample.group(1) + labels, Double.parseDouble(sample.group(3)));
      }
    }
    return new PrometheusScrape(series);
  }

  /** Metric names as exported (with their {@code _total} and unit suffixes). */
  public Set<String> names() {
    return series.keySet().stream().map(s -> s.replaceFirst("\\{.*", ""))
        .collect(Collectors.toCollection(TreeSet::new));
  }

  /**
   * The value of one series, {@code labels} as written in the exposition
   * ({@code direction="in"}); fails when the scrape does not have it.
   */
  public double value(String name, String labels) {
    String key = labels.isEmpty() ? name : name + "{" + labels + "}";
    Double value = series.get(key);
    if (value == null) {
      throw new AssertionError(key + " not exported; chorus_sfu_ series: " + series.keySet()
          .stream().filter(s -> s.startsWith("chorus_sfu_")).toList());
    }
    return value;
  }
}

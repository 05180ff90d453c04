package io.modelgate.adapter.http;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One Prometheus text scrape, read back: the value of a series by name and (some of) its labels. */
record Scrape(String text) {
  private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})? (\\S+)$");
  private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

  /**
   * The sum of the samples named {@code name} whose labels include {@code labels} (given as name, value, name,
   * value…); 0 when there is none.
   */
  double value(String name, String... labels) {
    Map<String, String> wanted = new LinkedHashMap<>();
    for (int i = 0; i < labels.length; i += 2) {
      wanted.put(labels[i], labels[i + 1]);
    }
    double sum = 0;
    for (String line : text.split("\n")) {
      Matcher m = SAMPLE.matcher(line);
      if (line.startsWith("#") || !m.matches() || !m.group(1).equals(name)) {
        continue;
      }
      Map<String, String> have = new LinkedHashMap<>();
      if (m.group(2) != null) {
        Matcher l = LABEL.matcher(m.group(2));
        while (l.find()) {
          have.put(l.group(1), l.group(2));
        }
      }
      if (have.entrySet().containsAll(wanted.entrySet())) {
        sum += Double.parseDouble(m.group(3));
      }
    }
    return sum;
  }

  /** Whether some sample is named {@code name}. */
  boolean has(String name) {
    return text.lines().anyMatch(l -> l.startsWith(name + "{") || l.startsWith(name + " "));
  }
}

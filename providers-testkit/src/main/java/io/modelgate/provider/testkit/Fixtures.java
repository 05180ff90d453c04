package io.modelgate.provider.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads the real provider payloads in {@code shared/fixtures} beside the project checkout. The directory is found
 * from {@code -Dmodelgate.fixtures}, else by walking up from the working directory to a folder that holds
 * {@code shared/fixtures} (the checkout's parent) or {@code ../shared/fixtures}.
 */
public final class Fixtures {
  private Fixtures() {}

  public static Path root() {
    String configured = System.getProperty("modelgate.fixtures");
    if (configured != null) {
      return Path.of(configured);
    }
    Path dir = Path.of("").toAbsolutePath();
    for (Path p = dir; p != null; p = p.getParent()) {
      Path candidate = p.resolve("shared/fixtures");
      if (Files.isDirectory(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException("shared/fixtures not found above " + dir + "; set -Dmodelgate.fixtures");
  }

  /** The text of {@code provider/file}, e.g. {@code read("openai/models_list_response.json")}. */
  public static String read(String relative) {
    try {
      return Files.readString(root().resolve(relative), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The text of a recorded payload kept with the test kit ({@code recorded/} on the class path, sources in its
   * {@code SOURCES.md}), e.g. {@code recorded("openai/responses_stream_reasoning_web_search_citations.sse")}.
   */
  public static String recorded(String relative) {
    try (var in = Fixtures.class.getClassLoader().getResourceAsStream("recorded/" + relative)) {
      if (in == null) {
        throw new IllegalArgumentException("no recorded payload 'recorded/" + relative + "' on the class path");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The shared data folder beside fixtures ({@code shared/data}). */
  public static Path data() {
    return root().getParent().resolve("data");
  }
}

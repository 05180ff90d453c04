package io.modelgate.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class EmbeddedLibraryExampleTest {
  @Test
  void theExampleListsTheDemoModelsAndStreamsAReply() {
    PrintStream original = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      EmbeddedLibraryExample.main(new String[] {"Hi", "there"});
    } finally {
      System.setOut(original);
    }
    String out = captured.toString(StandardCharsets.UTF_8);
    assertThat(out).contains("demo:echo  text  enabled").contains("served by demo:echo").contains("Echo: Hi there");
  }
}

package io.modelgate.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HttpServiceExampleTest {
  @Test
  void theExampleCallsTheRunningServiceAndPrintsTheReply() throws Exception {
    PrintStream original = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      HttpServiceExample.main(new String[] {"Hi", "over", "HTTP"});
    } finally {
      System.setOut(original);
    }
    String out = captured.toString(StandardCharsets.UTF_8);
    assertThat(out).contains("HTTP 200, served by demo:echo").contains("Echo: Hi over HTTP");
  }
}

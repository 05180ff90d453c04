package io.modelgate.provider.openai;

import io.modelgate.core.chat.ChatEvent;
import io.modelgate.core.chat.ChatStream;
import java.util.ArrayList;
import java.util.List;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A MockWebServer per test, and reading a chat stream to its end. */
abstract class ServerTest {
  protected final MockWebServer server = new MockWebServer();

  @BeforeEach
  void startServer() throws Exception {
    server.start();
  }

  @AfterEach
  void stopServer() {
    server.close();
  }

  static List<ChatEvent> drain(ChatStream stream) {
    List<ChatEvent> events = new ArrayList<>();
    try (stream) {
      for (ChatEvent e = stream.next(); ; e = stream.next()) {
        events.add(e);
        if (e.terminal()) {
          return events;
        }
      }
    }
  }
}

package io.modelgate.provider.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.SocketEffect;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ServerSentEventsTest {
  private final MockWebServer server = new MockWebServer();
  private final List<String> seen = new ArrayList<>();

  @BeforeEach
  void start() throws IOException {
    server.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private Response get(String body, String contentType) throws IOException {
    server.enqueue(new MockResponse.Builder().setHeader("Content-Type", contentType).body(body).build());
    return ProviderHttp.newClient().newCall(new Request.Builder().url(server.url("/s")).build()).execute();
  }

  @Test
  void eventsArriveWithTheirNamesAndJoinedDataWhileCommentsAreSkipped() throws IOException {
    boolean ended = ServerSentEvents.read(get(": keep-alive\n\nevent: ping\ndata: {}\n\n: OPENROUTER PROCESSING\n\n"
        + "data: line one\ndata: line two\nid: 7\nretry: 10\n\n", "text/event-stream"),
        (type, data) -> seen.add(type + "|" + data));
    assertThat(ended).isTrue();
    assertThat(seen).containsExactly("ping|{}", "null|line one\nline two");
  }

  @Test
  void aLastEventWithoutItsBlankLineIsStillDeliveredAndAnotherContentTypeIsReadToo() throws IOException {
    ServerSentEvents.read(get("data: 1\n\ndata: 2", "text/plain"), (type, data) -> seen.add(data));
    assertThat(seen).containsExactly("1", "2");
  }

  @Test
  void theHandlerStopsReading() throws IOException {
    boolean ended = ServerSentEvents.read(get("data: 1\n\ndata: 2\n\ndata: 3\n\n", "text/event-stream"),
        (type, data) -> seen.add(data) && !data.equals("2"));
    assertThat(ended).isFalse();
    assertThat(seen).containsExactly("1", "2");
  }

  @Test
  void aHandlerFailureIsRethrownAsItIs() throws IOException {
    Response response = get("data: 1\n\n", "text/event-stream");
    assertThatThrownBy(() -> ServerSentEvents.read(response, (type, data) -> {
      throw new IllegalStateException("malformed: " + data);
    })).isInstanceOf(IllegalStateException.class).hasMessage("malformed: 1");
  }

  @Test
  void aResetMidStreamIsAnIoFailure() throws IOException {
    String body = "data: 1\n\ndata: 2\n\n";
    server.enqueue(new MockResponse.Builder().setHeader("Content-Type", "text/event-stream").body(body)
        .setHeader("Content-Length", body.length() + 4096)
        .onResponseEnd(SocketEffect.ShutdownConnection.INSTANCE).build());
    Response response = ProviderHttp.newClient().newCall(new Request.Builder().url(server.url("/s")).build())
        .execute();
    assertThatThrownBy(() -> ServerSentEvents.read(response, (type, data) -> seen.add(data)))
        .isInstanceOf(IOException.class);
    assertThat(seen).containsExactly("1", "2");
  }
}

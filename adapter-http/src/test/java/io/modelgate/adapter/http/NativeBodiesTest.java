package io.modelgate.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelgate.core.model.RequestId;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Large answers sent from native copies: the bytes as given, each copy freed once dropped and no longer sent. */
class NativeBodiesTest {
  private static byte[] body(int size, char fill) {
    byte[] bytes = new byte[size];
    Arrays.fill(bytes, (byte) fill);
    return bytes;
  }

  private static byte[] read(ByteBuffer buffer) {
    byte[] out = new byte[buffer.remaining()];
    buffer.get(out);
    return out;
  }

  private static long directMemoryUsed() {
    return ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
        .filter(pool -> pool.getName().equals("direct")).mapToLong(BufferPoolMXBean::getMemoryUsed).sum();
  }

  @Test
  void aBodyDroppedWhileASendHoldsItIsFreedOnlyWhenThatSendEnds() {
    NativeBodies bodies = new NativeBodies();
    byte[] first = body(4 << 20, 'a');
    NativeBodies.Lease held = bodies.lease("\"first\"", first);
    for (int i = 0; i < NativeBodies.KEPT; i++) {
      bodies.lease("\"other-" + i + "\"", body(10, 'b')).close();
    }

    assertThat(bodies.keeps("\"first\"")).as("dropped: the eldest of %d", NativeBodies.KEPT + 1).isFalse();
    assertThat(bodies.size()).isEqualTo(NativeBodies.KEPT);
    assertThat(bodies.freed()).as("still held by a send").isZero();
    assertThat(read(held.bytes())).isEqualTo(first);
    long before = directMemoryUsed();
    held.close();
    held.close();
    assertThat(bodies.freed()).isEqualTo(1);
    assertThat(directMemoryUsed()).as("given back at once, not at a collection").isLessThanOrEqualTo(before - first.length);
  }

  @Test
  void aKeptBodyIsCopiedOnceAndEachLeaseReadsItFromTheStart() {
    NativeBodies bodies = new NativeBodies();
    byte[] bytes = body(5000, 'c');
    try (NativeBodies.Lease one = bodies.lease("\"tag\"", bytes);
        NativeBodies.Lease two = bodies.lease("\"tag\"", new byte[0])) {
      assertThat(read(one.bytes())).isEqualTo(bytes);
      assertThat(read(two.bytes())).as("the kept copy, not the array given").isEqualTo(bytes);
    }
    assertThat(bodies.size()).isEqualTo(1);
    assertThat(bodies.freed()).isZero();
  }

  @Test
  void largeCacheableAnswersArriveWholeAndOldOnesAreFreed() throws Exception {
    JsonCodec json = new JsonCodec();
    JsonCodec.Tagged[] answers = new JsonCodec.Tagged[NativeBodies.KEPT + 2];
    for (int i = 0; i < answers.length; i++) {
      answers[i] = JsonCodec.tagged(("\"" + new String(body(Exchange.NATIVE_FROM + i, (char) ('a' + i)),
          StandardCharsets.US_ASCII) + "\"").getBytes(StandardCharsets.US_ASCII));
    }
    HttpServer server = HttpServer.bind("127.0.0.1", 0);
    server.start(exchange -> new Call(exchange, Map.of(), json, 1 << 20, RequestId.random())
        .cacheable(answers[Integer.parseInt(exchange.rawPath().substring(1))], Call.REVALIDATE));
    try (HttpClient client = HttpClient.newHttpClient()) {
      for (int round = 0; round < 2; round++) {
        for (int i = 0; i < answers.length; i++) {
          HttpResponse<byte[]> r = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
              + server.port() + "/" + i)).build(), HttpResponse.BodyHandlers.ofByteArray());
          assertThat(r.statusCode()).isEqualTo(200);
          assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
          assertThat(r.headers().firstValue("ETag")).hasValue(answers[i].tag());
          assertThat(r.body()).as("answer %d", i).isEqualTo(answers[i].bytes());
        }
      }
      HttpResponse<byte[]> head = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
          + server.port() + "/0")).method("HEAD", HttpRequest.BodyPublishers.noBody()).build(),
          HttpResponse.BodyHandlers.ofByteArray());
      assertThat(head.headers().firstValue("Content-Length")).hasValue(Integer.toString(answers[0].bytes().length));
      assertThat(head.body()).isEmpty();
    } finally {
      server.close();
    }
    assertThat(server.nativeBodies().size()).isEqualTo(NativeBodies.KEPT);
    assertThat(server.nativeBodies().freed()).as("each copy dropped, two rounds of %d answers", answers.length)
        .isEqualTo(2 * answers.length - NativeBodies.KEPT);
  }
}

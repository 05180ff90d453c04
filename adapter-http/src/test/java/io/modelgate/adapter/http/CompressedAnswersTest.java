package io.modelgate.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelgate.core.model.RequestId;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A cacheable answer ({@link Call#cacheable}) as clients see it: gzip-compressed for a caller whose
 * {@code Accept-Encoding} takes it, when it is large, with a tag of its own; as it is for anyone else; and either
 * tag revalidates it.
 */
class CompressedAnswersTest {
  private final JsonCodec json = new JsonCodec();
  private final JsonCodec.Tagged large = JsonCodec.tagged(list(2_000));
  private final JsonCodec.Tagged small = JsonCodec.tagged(list(3));
  private final HttpClient client = HttpClient.newHttpClient();
  private HttpServer server;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.bind("127.0.0.1", 0);
    server.start(exchange -> new Call(exchange, Map.of(), json, 1 << 20, RequestId.random())
        .cacheable(exchange.rawPath().equals("/small") ? small : large, Call.REVALIDATE));
  }

  @AfterEach
  void stop() {
    server.close();
    client.close();
  }

  private static byte[] list(int models) {
    StringBuilder out = new StringBuilder("{\"object\":\"list\",\"data\":[");
    for (int i = 0; i < models; i++) {
      out.append(i == 0 ? "" : ",").append("{\"id\":\"bench:model-").append(i)
          .append("\",\"object\":\"model\",\"owned_by\":\"bench\"}");
    }
    return out.append("]}").toString().getBytes(StandardCharsets.UTF_8);
  }

  private HttpResponse<byte[]> get(String path, String... headers) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path));
    if (headers.length > 0) {
      request.headers(headers);
    }
    return client.send(request.GET().build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private static byte[] gunzip(byte[] body) throws IOException {
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
      return in.readAllBytes();
    }
  }

  @Test
  void aLargeAnswerGoesCompressedToACallerThatAcceptsGzipWithATagOfItsOwn() throws Exception {
    HttpResponse<byte[]> plain = get("/large");
    HttpResponse<byte[]> compressed = get("/large", "Accept-Encoding", "gzip, deflate");

    assertThat(plain.statusCode()).isEqualTo(200);
    assertThat(plain.headers().firstValue("Content-Encoding")).isEmpty();
    assertThat(plain.body()).isEqualTo(large.bytes());
    assertThat(compressed.statusCode()).isEqualTo(200);
    assertThat(compressed.headers().firstValue("Content-Encoding")).hasValue("gzip");
    assertThat(compressed.body().length).isLessThan(large.bytes().length / 10);
    assertThat(gunzip(compressed.body())).isEqualTo(large.bytes());
    assertThat(compressed.headers().firstValue("ETag")).isPresent()
        .isNotEqualTo(plain.headers().firstValue("ETag"));
    assertThat(compressed.headers().firstValue("Vary").orElseThrow()).contains("Accept-Encoding");
    assertThat(plain.headers().firstValue("Vary").orElseThrow()).contains("Authorization", "Accept-Encoding");
  }

  @Test
  void onlyWhatTheCallerAcceptsIsSent() throws Exception {
    Map<String, Boolean> compressedFor = Map.of("identity", false, "gzip;q=0", false, "*", true, "*, gzip;q=0", false,
        "br, gzip;q=0.5", true, "GZIP", true, "deflate", false);
    compressedFor.forEach((accepted, compressed) -> {
      try {
        HttpResponse<byte[]> r = get("/large", "Accept-Encoding", accepted);
        assertThat(r.headers().firstValue("Content-Encoding").isPresent()).as(accepted).isEqualTo(compressed);
        assertThat(compressed ? gunzip(r.body()) : r.body()).as(accepted).isEqualTo(large.bytes());
      } catch (Exception e) {
        throw new AssertionError(accepted, e);
      }
    });
  }

  @Test
  void aSmallAnswerIsNeverCompressed() throws Exception {
    HttpResponse<byte[]> r = get("/small", "Accept-Encoding", "gzip");

    assertThat(r.headers().firstValue("Content-Encoding")).isEmpty();
    assertThat(r.body()).isEqualTo(small.bytes());
  }

  @Test
  void eitherTagRevalidatesEitherForm() throws Exception {
    String plainTag = get("/large").headers().firstValue("ETag").orElseThrow();
    String compressedTag = get("/large", "Accept-Encoding", "gzip").headers().firstValue("ETag").orElseThrow();

    for (String tag : new String[] {plainTag, compressedTag}) {
      assertThat(get("/large", "If-None-Match", tag).statusCode()).as(tag).isEqualTo(304);
      HttpResponse<byte[]> compressed = get("/large", "If-None-Match", tag, "Accept-Encoding", "gzip");
      assertThat(compressed.statusCode()).as(tag).isEqualTo(304);
      assertThat(compressed.body()).isEmpty();
    }
    assertThat(get("/large", "If-None-Match", "\"another\"", "Accept-Encoding", "gzip").statusCode()).isEqualTo(200);
  }
}

package io.modelgate.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Pipe;
import java.nio.charset.StandardCharsets;
import okio.Buffer;
import org.junit.jupiter.api.Test;

/**
 * {@link Exchange#writeTogether}: a response's head and body (an array, or an okio buffer's segments) in one gathering
 * write, whole, in order.
 */
class ExchangeWriteTogetherTest {
  private static final byte[] HEAD = "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

  @Test
  void anEmptyBodyStillSendsTheWholeHead() throws Exception {
    assertThat(written(HEAD, new byte[0])).isEqualTo(new String(HEAD, StandardCharsets.US_ASCII));
  }

  @Test
  void headThenBodyWhole() throws Exception {
    byte[] body = "x".repeat(5_000).getBytes(StandardCharsets.US_ASCII);
    assertThat(written(HEAD, body))
        .isEqualTo(new String(HEAD, StandardCharsets.US_ASCII) + "x".repeat(5_000));
  }

  @Test
  void aBufferedBodyFromEverySegmentInOrderAndLeftAsItWas() throws Exception {
    Buffer body = new Buffer().writeUtf8("-".repeat(100)).writeUtf8("a".repeat(8_192));
    body.skip(100); // the first segment's data starts past its beginning
    body.writeAll(new Buffer().writeUtf8("b".repeat(5_000)));
    body.writeUtf8("é.");
    String expected = "a".repeat(8_192) + "b".repeat(5_000) + "é.";
    assertThat(written(pipe -> Exchange.writeTogether(pipe, HEAD, body)))
        .isEqualTo(new String(HEAD, StandardCharsets.UTF_8) + expected);
    assertThat(body.readUtf8()).isEqualTo(expected);
  }

  @Test
  void anEmptyBufferedBodyStillSendsTheWholeHead() throws Exception {
    assertThat(written(pipe -> Exchange.writeTogether(pipe, HEAD, new Buffer())))
        .isEqualTo(new String(HEAD, StandardCharsets.UTF_8));
  }

  private interface Write {
    void to(Pipe.SinkChannel sink) throws Exception;
  }

  private static String written(byte[] head, byte[] body) throws Exception {
    return written(pipe -> Exchange.writeTogether(pipe, head, body));
  }

  private static String written(Write write) throws Exception {
    Pipe pipe = Pipe.open();
    write.to(pipe.sink());
    pipe.sink().close();
    ByteArrayOutputStream read = new ByteArrayOutputStream();
    ByteBuffer buffer = ByteBuffer.allocate(1024);
    while (pipe.source().read(buffer) >= 0) {
      buffer.flip();
      read.write(buffer.array(), 0, buffer.limit());
      buffer.clear();
    }
    return read.toString(StandardCharsets.UTF_8);
  }
}

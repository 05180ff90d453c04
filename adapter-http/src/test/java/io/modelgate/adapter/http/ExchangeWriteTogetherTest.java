package io.modelgate.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Pipe;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** {@link Exchange#writeTogether}: a response's head and body in one gathering write, whole, in order. */
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

  private static String written(byte[] head, byte[] body) throws Exception {
    Pipe pipe = Pipe.open();
    Exchange.writeTogether(pipe.sink(), head, body);
    pipe.sink().close();
    ByteArrayOutputStream read = new ByteArrayOutputStream();
    ByteBuffer buffer = ByteBuffer.allocate(1024);
    while (pipe.source().read(buffer) >= 0) {
      buffer.flip();
      read.write(buffer.array(), 0, buffer.limit());
      buffer.clear();
    }
    return read.toString(StandardCharsets.US_ASCII);
  }
}

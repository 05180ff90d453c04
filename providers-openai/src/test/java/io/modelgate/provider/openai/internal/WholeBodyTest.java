package io.modelgate.provider.openai.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import okio.Buffer;
import okio.BufferedSource;
import okio.ByteString;
import okio.Okio;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WholeBodyTest {
  private static ByteString bytes(int size) {
    byte[] b = new byte[size];
    new Random(size).nextBytes(b);
    return ByteString.of(b);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 1023, 1024, 1100, 8191, 8192, 20_000})
  void readsEveryByteOfTheBodyAndNothingOfItsOwn(int size) throws Exception {
    ByteString body = bytes(size);
    BufferedSource source = Okio.buffer((okio.Source) new Buffer().write(body));

    Buffer read = OpenAiChat.wholeBody(source);

    assertThat(read.readByteString()).isEqualTo(body);
    assertThat(source.exhausted()).isTrue();
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 1500, 20_000})
  void readsWhatIsLeftWhenThePartAlreadyBufferedWasNotTaken(int size) throws Exception {
    ByteString body = bytes(size);
    BufferedSource source = Okio.buffer((okio.Source) new Buffer().write(body));
    source.readByte();
    source.require(1); // something of the body already buffered

    Buffer read = OpenAiChat.wholeBody(source);

    assertThat(read.readByteString()).isEqualTo(body.substring(1));
  }
}

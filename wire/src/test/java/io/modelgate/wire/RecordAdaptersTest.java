package io.modelgate.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.squareup.moshi.Json;
import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.Moshi;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

public class RecordAdaptersTest {
  /** Public, as Moshi's own adapter needs (every wire record is). */
  public record Inner(String name, int count) {}

  public record Outer(@Json(name = "max_tokens") @Nullable Integer maxTokens, long seed, List<Inner> items,
      @Nullable Map<String, Object> extra) {}

  public record Generic<T>(T value) {}

  private final Moshi moshis = new Moshi.Builder().build();
  private final Moshi ours = new Moshi.Builder().addLast(new RecordAdapters()).build();

  private static final String JSON = "{\"max_tokens\":7,\"unknown\":{\"a\":[1,2]},\"seed\":42,"
      + "\"items\":[{\"name\":\"x\",\"count\":3}],\"extra\":{\"k\":\"v\"}}";

  @Test
  void readsAndWritesRecordsAsMoshisOwnAdapterDoes() throws IOException {
    JsonAdapter<Outer> theirs = moshis.adapter(Outer.class);
    JsonAdapter<Outer> mine = ours.adapter(Outer.class);
    assertThat(mine.toString()).doesNotContain("RecordJsonAdapter").isEqualTo(theirs.toString());

    Outer read = mine.fromJson(JSON);
    assertThat(read).isEqualTo(theirs.fromJson(JSON))
        .isEqualTo(new Outer(7, 42, List.of(new Inner("x", 3)), Map.of("k", "v")));
    assertThat(mine.toJson(read)).isEqualTo(theirs.toJson(read))
        .isEqualTo("{\"max_tokens\":7,\"seed\":42,\"items\":[{\"name\":\"x\",\"count\":3}],\"extra\":{\"k\":\"v\"}}");
    assertThat(mine.fromJsonValue(theirs.toJsonValue(read))).isEqualTo(read);
    assertThat(mine.fromJson("null")).isNull();
  }

  @Test
  void aMissingPrimitiveIsRefusedWithMoshisMessage() {
    String noSeed = "{\"items\":[]}";
    assertThatThrownBy(() -> moshis.adapter(Outer.class).fromJson(noSeed)).isInstanceOf(JsonDataException.class)
        .hasMessage("Required value 'seed' missing at $");
    assertThatThrownBy(() -> ours.adapter(Outer.class).fromJson(noSeed)).isInstanceOf(JsonDataException.class)
        .hasMessage("Required value 'seed' missing at $");
  }

  @Test
  void aWrongTypeIsRefusedAtItsPath() {
    assertThatThrownBy(() -> ours.adapter(Outer.class).fromJson("{\"seed\":1,\"items\":[{\"name\":\"n\",\"count\":{}}]}"))
        .isInstanceOf(JsonDataException.class).hasMessageContaining("$.items[0].count");
  }

  @Test
  void resolvesTypeVariables() throws IOException {
    JsonAdapter<Generic<Inner>> adapter = ours.adapter(
        com.squareup.moshi.Types.newParameterizedTypeWithOwner(RecordAdaptersTest.class, Generic.class, Inner.class));
    assertThat(adapter.fromJson("{\"value\":{\"name\":\"n\",\"count\":1}}")).isEqualTo(new Generic<>(new Inner("n", 1)));
  }

  @Test
  void aRecordWithAnAdapterOfItsOwnKeepsIt() throws IOException {
    Moshi withOwn = WireJson.moshi().add(Inner.class, new JsonAdapter<Inner>() {
      @Override
      public Inner fromJson(com.squareup.moshi.JsonReader reader) throws IOException {
        return new Inner(reader.nextString(), 0);
      }

      @Override
      public void toJson(com.squareup.moshi.JsonWriter writer, @Nullable Inner value) throws IOException {
        writer.value(value == null ? null : value.name());
      }
    }).build();
    assertThat(withOwn.adapter(Inner.class).toJson(new Inner("only", 9))).isEqualTo("\"only\"");
  }
}

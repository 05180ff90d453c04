package io.modelgate.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.squareup.moshi.Json;
import io.modelgate.core.error.InvalidRequestException;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class WireSchemaTest {
  enum Tier { FREE, PAID }

  public record Item(String id, @Nullable Integer count) {}

  public record Sample(
      String name,
      @Json(name = "max_items") @Nullable Integer maxItems,
      List<Item> items,
      @Nullable Map<String, Double> weights,
      @Nullable Tier tier,
      @Nullable Object anything) {}

  @Test
  void describesARecordByItsComponentsMoshiNamesAndNullability() {
    Map<String, Object> schema = WireSchema.of(Sample.class);

    assertThat(schema).containsEntry("type", "object").containsEntry("required", List.of("name", "items"));
    assertThat(properties(schema)).containsOnlyKeys("name", "max_items", "items", "weights", "tier", "anything")
        .containsEntry("name", Map.of("type", "string"))
        .containsEntry("max_items", Map.of("type", "integer", "format", "int32"))
        .containsEntry("weights", Map.of("type", "object", "additionalProperties", Map.of("type", "number")))
        .containsEntry("tier", Map.of("type", "string", "enum", List.of("FREE", "PAID")))
        .containsEntry("anything", Map.of());
    @SuppressWarnings("unchecked")
    Map<String, Object> items = (Map<String, Object>) properties(schema).get("items");
    assertThat(items).containsEntry("type", "array");
    @SuppressWarnings("unchecked")
    Map<String, Object> item = (Map<String, Object>) items.get("items");
    assertThat(item).containsEntry("required", List.of("id"));
  }

  @Test
  void aMissingRequiredFieldIsA400NamingItsPath() {
    Sample sample = new Sample("x", null, List.of(new Item("a", 1), new Item(null, null)), null, null, null);
    WireSchema.RequiredFields required = new WireSchema.RequiredFields();

    assertThatThrownBy(() -> required.check(sample)).isInstanceOf(InvalidRequestException.class)
        .hasMessage("'items[1].id' is required");
    assertThatThrownBy(() -> required.check(new Sample(null, null, List.of(), null, null, null)))
        .isInstanceOf(InvalidRequestException.class).hasMessage("'name' is required");
    assertThatThrownBy(() -> required.check(List.of(List.of(new Item("a", null)), List.of(new Item(null, 2)))))
        .isInstanceOf(InvalidRequestException.class).hasMessage("'[1][0].id' is required");
    required.check(new Sample("x", null, List.of(), null, null, null));
    required.check(sample.items().get(0)); // the same types again, from what was learned of them the first time
  }

  /** Every request record's required fields are exactly its non-nullable components, named as Moshi names them. */
  @Test
  void everyRequestRecordIsDescribedFromItsComponents() {
    for (Class<?> type : RequestWire.class.getDeclaredClasses()) {
      if (!type.isRecord()) {
        continue;
      }
      Map<String, Object> schema = WireSchema.of(type);
      List<String> names = Arrays.stream(type.getRecordComponents()).map(WireSchema::name).toList();
      assertThat(properties(schema).keySet()).as(type.getSimpleName()).containsExactlyElementsOf(names);
      List<String> required = Arrays.stream(type.getRecordComponents()).filter(c -> !WireSchema.optional(c))
          .map(WireSchema::name).toList();
      assertThat(schema.getOrDefault("required", List.of())).as(type.getSimpleName()).isEqualTo(required);
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> properties(Map<String, Object> schema) {
    return (Map<String, Object>) schema.get("properties");
  }
}

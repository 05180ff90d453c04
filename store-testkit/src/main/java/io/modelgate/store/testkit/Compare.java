package io.modelgate.store.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.recursive.comparison.RecursiveComparisonConfiguration;
import org.jspecify.annotations.Nullable;

/** How the contracts compare what a store gives back: money by value, instants to the millisecond. */
final class Compare {
  private Compare() {}

  /** Records compared field by field, with BigDecimals by value and instants to the millisecond. */
  static RecursiveComparisonConfiguration byValue() {
    return RecursiveComparisonConfiguration.builder()
        .withComparatorForType(BigDecimal::compareTo, BigDecimal.class)
        .withComparatorForType(
            (Instant a, Instant b) -> a.truncatedTo(ChronoUnit.MILLIS).compareTo(b.truncatedTo(ChronoUnit.MILLIS)),
            Instant.class)
        .build();
  }

  static void sameValue(@Nullable Object actual, @Nullable Object expected) {
    assertThat(actual).usingRecursiveComparison(byValue()).isEqualTo(expected);
  }

  static void money(BigDecimal actual, String expected) {
    assertThat(actual).as("amount").isEqualByComparingTo(expected);
  }

  /** A JSON-like value with every number as a BigDecimal without trailing zeros, so 512, 512L and 512.0 agree. */
  static @Nullable Object normalised(@Nullable Object value) {
    if (value instanceof Number n) {
      BigDecimal d = new BigDecimal(n.toString()).stripTrailingZeros();
      return d.scale() < 0 ? d.setScale(0) : d;
    }
    if (value instanceof Map<?, ?> map) {
      Map<Object, @Nullable Object> out = new LinkedHashMap<>();
      map.forEach((k, v) -> out.put(k, normalised(v)));
      return out;
    }
    if (value instanceof List<?> list) {
      return list.stream().map(Compare::normalised).toList();
    }
    return value;
  }
}

package io.modelgate.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RequestIdTest {
  @Test
  void randomIdsAreWellFormedAndDistinct() {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 10_000; i++) {
      String id = RequestId.random().value();
      assertThat(id).matches("req_[0-9a-f]{32}");
      assertThat(seen.add(id)).as("id %s came twice", id).isTrue();
    }
  }

  @Test
  void anythingElseIsRefused() {
    assertThatThrownBy(() -> new RequestId("req_0123")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new RequestId("req_" + "A".repeat(32))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new RequestId("req_" + "0".repeat(31) + "g")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new RequestId("req_" + "0".repeat(33))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new RequestId("rex_" + "0".repeat(32))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new RequestId(null)).isInstanceOf(IllegalArgumentException.class);
    assertThat(new RequestId("req_" + "0123456789abcdef".repeat(2)).value()).endsWith("cdef");
  }
}

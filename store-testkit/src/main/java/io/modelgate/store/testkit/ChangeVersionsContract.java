package io.modelgate.store.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelgate.core.port.ChangeVersions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link ChangeVersions} does. Subclass it with a fresh, empty one per test. */
public abstract class ChangeVersionsContract {
  private ChangeVersions versions;

  /** A new {@link ChangeVersions} where no part was ever raised. */
  protected abstract ChangeVersions newVersions();

  @BeforeEach
  final void create() {
    versions = newVersions();
  }

  @Test
  void aPartNeverRaisedIsAbsent() {
    assertThat(versions.read()).isEmpty();
  }

  @Test
  void eachRaiseMovesOnlyItsPartsVersion() {
    versions.raise("accounts");
    long first = versions.read().get("accounts");
    versions.raise("accounts");
    versions.raise("catalog");

    assertThat(versions.read().get("accounts")).isGreaterThan(first);
    assertThat(versions.read()).containsOnlyKeys("accounts", "catalog");
    long catalog = versions.read().get("catalog");
    versions.raise("accounts");
    assertThat(versions.read().get("catalog")).isEqualTo(catalog);
  }

  @Test
  void concurrentRaisesAreAllCounted() throws Exception {
    versions.raise("settings");
    long before = versions.read().get("settings");
    List<Callable<Void>> raises = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      raises.add(() -> {
        versions.raise("settings");
        return null;
      });
    }
    Concurrently.call(8, raises);

    assertThat(versions.read().get("settings")).isEqualTo(before + 40);
  }

  @Test
  void aFirstRaiseFromManyThreadsAtOnceCountsEveryOne() throws Exception {
    List<Callable<Void>> raises = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      raises.add(() -> {
        versions.raise("aliases");
        return null;
      });
    }
    Concurrently.call(16, raises);

    assertThat(versions.read().get("aliases")).isEqualTo(16);
  }

  @Test
  void aBlankPartIsRefused() {
    assertThatThrownBy(() -> versions.raise(" ")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'part'");
  }
}

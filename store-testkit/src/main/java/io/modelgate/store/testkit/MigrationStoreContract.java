package io.modelgate.store.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelgate.core.catalog.ModelMigration;
import io.modelgate.core.model.ModelId;
import io.modelgate.core.port.MigrationStore;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link MigrationStore} does. Subclass it with a fresh, empty store per test. */
public abstract class MigrationStoreContract {
  private static final Instant T0 = Instant.parse("2026-11-23T10:15:30.123Z");

  private MigrationStore migrations;

  /** A new, empty store. */
  protected abstract MigrationStore newStore();

  @BeforeEach
  final void createStore() {
    migrations = newStore();
  }

  private static ModelMigration migration(String from, String to, ModelMigration.Reason reason, boolean auto) {
    return new ModelMigration(ModelId.parse(from), ModelId.parse(to), reason, auto, T0);
  }

  @Test
  void emptyStoreHasNoMigrations() {
    assertThat(migrations.list()).isEmpty();
    assertThat(migrations.from(ModelId.parse("openai:gpt-4"))).isEmpty();
  }

  @Test
  void savedMigrationComesBackWithEveryField() {
    ModelMigration m = migration("openrouter:meta-llama/llama-3.1-8b:free", "ollama-mac:llama3.1:8b",
        ModelMigration.Reason.MOVED, true);
    migrations.save(m);

    assertThat(migrations.from(m.from())).contains(m);
    assertThat(migrations.from(m.to())).isEmpty();
  }

  @Test
  void saveReplacesTheMigrationFromTheSameId() {
    migrations.save(migration("openai:gpt-4", "openai:gpt-4o", ModelMigration.Reason.DEPRECATED, false));
    ModelMigration second = migration("openai:gpt-4", "openai:gpt-4.1", ModelMigration.Reason.RENAMED, true);
    migrations.save(second);

    assertThat(migrations.list()).containsExactly(second);
  }

  @Test
  void listIsInFromOrderAndKeepsChains() {
    ModelMigration b = migration("openai:gpt-4o", "openai:gpt-4.1", ModelMigration.Reason.RENAMED, true);
    ModelMigration a = migration("openai:gpt-4", "openai:gpt-4o", ModelMigration.Reason.DEPRECATED, false);
    ModelMigration c = migration("anthropic:claude-2", "anthropic:claude-3", ModelMigration.Reason.DEPRECATED, true);
    migrations.save(b);
    migrations.save(a);
    migrations.save(c);

    assertThat(migrations.list()).containsExactly(c, a, b);
  }

  @Test
  void nullIsRejectedAndNothingChanges() {
    assertThatThrownBy(() -> migrations.save(null)).isInstanceOf(NullPointerException.class);
    assertThat(migrations.list()).isEmpty();
  }
}

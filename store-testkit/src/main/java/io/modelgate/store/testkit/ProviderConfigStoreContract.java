package io.modelgate.store.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelgate.core.account.UserProviderConfig;
import io.modelgate.core.model.ModelId;
import io.modelgate.core.port.ProviderConfigStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What every {@link ProviderConfigStore} does. Subclass it with a fresh, empty store per test. The values hold no
 * money, so they come back {@code equals} to what was saved when their instants are whole milliseconds.
 */
public abstract class ProviderConfigStoreContract {
  private static final Instant T0 = Instant.parse("2026-11-23T10:15:30.123Z");
  private static final Instant T1 = T0.plusSeconds(60);

  private ProviderConfigStore configs;

  /** A new, empty store. */
  protected abstract ProviderConfigStore newStore();

  @BeforeEach
  final void createStore() {
    configs = newStore();
  }

  private static UserProviderConfig config(String user, String provider, boolean isDefault) {
    return new UserProviderConfig(user, provider, null, null, null, isDefault, T0);
  }

  private static UserProviderConfig config(String user, String provider, @Nullable String model,
      @Nullable Double temperature, @Nullable Integer maxTokens, boolean isDefault, Instant updatedAt) {
    return new UserProviderConfig(user, provider, model == null ? null : ModelId.parse(model), temperature,
        maxTokens, isDefault, updatedAt);
  }

  private static UserProviderConfig notDefault(UserProviderConfig config) {
    return new UserProviderConfig(config.userId(), config.provider(), config.defaultModel(), config.temperature(),
        config.maxTokens(), false, config.updatedAt());
  }

  @Test
  void emptyStoreHasNoConfigs() {
    assertThat(configs.find("anna", "openai")).isEmpty();
    assertThat(configs.list("anna")).isEmpty();
    assertThat(configs.userDefault("anna")).isEmpty();
    assertThat(configs.delete("anna", "openai")).isFalse();
  }

  @Test
  void savedConfigComesBackWithEveryField() {
    UserProviderConfig full = config("anna", "openrouter", "openrouter:meta-llama/llama-3.1-8b:free", 0.7, 4096,
        true, T0);
    configs.save(full);

    assertThat(configs.find("anna", "openrouter")).contains(full);
    assertThat(configs.list("anna")).containsExactly(full);
  }

  @Test
  void missingModelTemperatureAndMaxTokensComeBackAsNull() {
    UserProviderConfig bare = config("anna", "openai", null, null, null, false, T0);
    configs.save(bare);

    UserProviderConfig stored = configs.find("anna", "openai").orElseThrow();
    assertThat(stored.defaultModel()).isNull();
    assertThat(stored.temperature()).isNull();
    assertThat(stored.maxTokens()).isNull();
    assertThat(stored).isEqualTo(bare);
  }

  @Test
  void zeroAndBoundaryNumbersAreNotTakenForNull() {
    UserProviderConfig cold = config("anna", "openai", "openai:gpt-4o", 0.0, 1, false, T0);
    UserProviderConfig hot = config("anna", "anthropic", null, 2.0, Integer.MAX_VALUE, false, T0);
    UserProviderConfig odd = config("anna", "ollama-mac", null, 0.1 + 0.2, null, false, T0);
    configs.save(cold);
    configs.save(hot);
    configs.save(odd);

    assertThat(configs.find("anna", "openai")).contains(cold);
    assertThat(configs.find("anna", "anthropic")).contains(hot);
    assertThat(configs.find("anna", "ollama-mac").orElseThrow().temperature()).isEqualTo(0.1 + 0.2);
  }

  @Test
  void instantsAreKeptToTheMillisecond() {
    UserProviderConfig fine = config("anna", "openai", null, null, null, false,
        Instant.parse("2026-11-23T10:15:30.123456789Z"));
    configs.save(fine);

    Compare.sameValue(configs.find("anna", "openai").orElseThrow(), fine);
  }

  @Test
  void saveReplacesTheConfigOfTheSameUserAndProvider() {
    configs.save(config("anna", "openai", "openai:gpt-4o", 0.2, 100, true, T0));
    UserProviderConfig replaced = config("anna", "openai", null, 1.0, null, false, T1);
    configs.save(replaced);

    assertThat(configs.list("anna")).containsExactly(replaced);
    assertThat(configs.userDefault("anna")).isEmpty();
  }

  @Test
  void listHoldsTheUsersConfigsInProviderOrder() {
    configs.save(config("anna", "openrouter", false));
    configs.save(config("anna", "ollamab", false));
    configs.save(config("anna", "ollama-mac", false));
    configs.save(config("anna", "ollama2", false));
    configs.save(config("anna", "anthropic", false));
    configs.save(config("ben", "azure", false));

    assertThat(configs.list("anna")).extracting(UserProviderConfig::provider)
        .containsExactly("anthropic", "ollama-mac", "ollama2", "ollamab", "openrouter");
  }

  @Test
  void savingADefaultClearsTheUsersOtherDefaultAndKeepsItsOtherFields() {
    UserProviderConfig first = config("anna", "openai", "openai:gpt-4o", 0.3, 256, true, T0);
    configs.save(first);
    UserProviderConfig second = config("anna", "anthropic", null, null, null, true, T1);
    configs.save(second);

    assertThat(configs.find("anna", "openai")).contains(notDefault(first));
    assertThat(configs.find("anna", "anthropic")).contains(second);
    assertThat(configs.userDefault("anna")).contains(second);
    assertThat(configs.list("anna")).filteredOn(UserProviderConfig::isDefault).containsExactly(second);
  }

  @Test
  void defaultsArePerUser() {
    configs.save(config("anna", "openai", true));
    configs.save(config("ben", "anthropic", true));
    configs.save(config("anna", "ollama-mac", true));

    assertThat(configs.userDefault("anna")).contains(config("anna", "ollama-mac", true));
    assertThat(configs.userDefault("ben")).contains(config("ben", "anthropic", true));
    assertThat(configs.find("anna", "openai")).contains(config("anna", "openai", false));
  }

  @Test
  void savingANonDefaultConfigKeepsTheCurrentDefault() {
    configs.save(config("anna", "openai", true));
    configs.save(config("anna", "anthropic", false));

    assertThat(configs.userDefault("anna")).contains(config("anna", "openai", true));
  }

  @Test
  void savingTheDefaultConfigAsNotDefaultLeavesNoDefault() {
    configs.save(config("anna", "openai", true));
    configs.save(config("anna", "anthropic", false));
    configs.save(config("anna", "openai", false));

    assertThat(configs.userDefault("anna")).isEmpty();
    assertThat(configs.list("anna")).noneMatch(UserProviderConfig::isDefault);
  }

  @Test
  void usersDoNotSeeEachOthersConfigs() {
    UserProviderConfig anna = config("anna", "openai", "openai:gpt-4o", 0.1, 10, true, T0);
    UserProviderConfig annaCapital = config("Anna", "openai", "openai:gpt-4.1", 0.9, 20, false, T1);
    UserProviderConfig cyrillic = config("Анна", "openai", null, null, null, true, T1);
    UserProviderConfig literalNull = config("null", "openai", null, null, null, true, T1);
    configs.save(anna);
    configs.save(annaCapital);
    configs.save(cyrillic);
    configs.save(literalNull);

    assertThat(configs.list("anna")).containsExactly(anna);
    assertThat(configs.list("Anna")).containsExactly(annaCapital);
    assertThat(configs.list("Анна")).containsExactly(cyrillic);
    assertThat(configs.list("null")).containsExactly(literalNull);
    assertThat(configs.list("ann")).isEmpty();
    assertThat(configs.userDefault("Anna")).isEmpty();
    assertThat(configs.userDefault("anna")).contains(anna);
  }

  @Test
  void deleteRemovesOnlyThatConfigAndSaysWhetherItExisted() {
    configs.save(config("anna", "openai", false));
    configs.save(config("anna", "anthropic", false));
    configs.save(config("ben", "openai", false));

    assertThat(configs.delete("anna", "openai")).isTrue();
    assertThat(configs.delete("anna", "openai")).isFalse();
    assertThat(configs.find("anna", "openai")).isEmpty();
    assertThat(configs.list("anna")).containsExactly(config("anna", "anthropic", false));
    assertThat(configs.list("ben")).containsExactly(config("ben", "openai", false));
  }

  @Test
  void deletingTheDefaultLeavesNoDefaultAndALaterSaveIsNotDefault() {
    configs.save(config("anna", "openai", true));
    configs.save(config("anna", "anthropic", false));

    assertThat(configs.delete("anna", "openai")).isTrue();
    assertThat(configs.userDefault("anna")).isEmpty();

    configs.save(config("anna", "openai", false));
    assertThat(configs.userDefault("anna")).isEmpty();
    assertThat(configs.find("anna", "openai")).contains(config("anna", "openai", false));
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void concurrentDefaultsLeaveExactlyOne() throws Exception {
    List<Callable<Void>> calls = new ArrayList<>();
    for (int i = 0; i < 64; i++) {
      String provider = "node-" + (i % 16);
      calls.add(() -> {
        configs.save(config("anna", provider, true));
        return null;
      });
    }
    Concurrently.call(16, calls);

    assertThat(configs.list("anna")).hasSize(16).filteredOn(UserProviderConfig::isDefault).hasSize(1);
    assertThat(configs.userDefault("anna")).isPresent();
  }

  @Test
  void nullArgumentsAreRejectedAndNothingChanges() {
    UserProviderConfig anna = config("anna", "openai", true);
    configs.save(anna);
    configs.save(config("null", "openai", true));

    assertThatThrownBy(() -> configs.save(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> configs.find(null, "openai")).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> configs.find("anna", null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> configs.list(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> configs.userDefault(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> configs.delete(null, "openai")).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> configs.delete("anna", null)).isInstanceOf(NullPointerException.class);

    assertThat(configs.list("anna")).containsExactly(anna);
    assertThat(configs.list("null")).containsExactly(config("null", "openai", true));
  }

  @Test
  void unknownUserOrProviderIsJustAbsent() {
    configs.save(config("anna", "openai", true));

    assertThat(configs.find("anna", "Not A Provider")).isEmpty();
    assertThat(configs.find(" ", "openai")).isEmpty();
    assertThat(configs.delete("anna", "Not A Provider")).isFalse();
    assertThat(configs.delete("", "openai")).isFalse();
    assertThat(configs.list("anna")).containsExactly(config("anna", "openai", true));
  }

  @Test
  void theChosenKeyIdComesBackAndCanBeChanged() {
    UserProviderConfig chosen = new UserProviderConfig("anna", "openai", null, 0.7, 2000, true, T0, 4_503_599_627L);
    configs.save(chosen);
    assertThat(configs.find("anna", "openai")).contains(chosen);

    UserProviderConfig cleared = new UserProviderConfig("anna", "openai", null, 0.7, 2000, true, T0, null);
    configs.save(cleared);
    assertThat(configs.find("anna", "openai")).contains(cleared);
  }
}

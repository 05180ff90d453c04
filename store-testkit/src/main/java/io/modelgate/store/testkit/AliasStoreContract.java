package io.modelgate.store.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelgate.core.model.ModelId;
import io.modelgate.core.port.AliasStore;
import io.modelgate.core.routing.BalanceStrategy;
import io.modelgate.core.routing.ModelAlias;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link AliasStore} does. Subclass it with a fresh, empty store per test. Default parameters are JSON
 * values (strings, numbers, booleans, lists and maps of them); numbers come back equal by value, not by Java type.
 */
public abstract class AliasStoreContract {
  private static final ModelId A = ModelId.parse("openai:gpt-4o-mini");
  private static final ModelId B = ModelId.parse("ollama-mac:llama3.1:8b");
  private static final ModelId C = ModelId.parse("openrouter:meta-llama/llama-3.1-8b:free");
  private static final ModelId X = ModelId.parse("openai:gpt-4.1-mini");

  private AliasStore aliases;

  /** A new, empty store. */
  protected abstract AliasStore newStore();

  @BeforeEach
  final void createStore() {
    aliases = newStore();
  }

  private static ModelAlias alias(String name, ModelId... models) {
    return new ModelAlias(name, List.of(models), Map.of());
  }

  @Test
  void emptyStoreHasNoAliases() {
    assertThat(aliases.list()).isEmpty();
    assertThat(aliases.find("fast")).isEmpty();
  }

  @Test
  void savedAliasKeepsItsModelsInOrderAndItsDefaults() {
    Map<String, Object> defaults = new LinkedHashMap<>();
    defaults.put("temperature", 0.2);
    defaults.put("max_tokens", 512);
    defaults.put("stream", true);
    defaults.put("stop", List.of("\n\n", "END \"quoted\""));
    defaults.put("user", "support-bot ü");
    defaults.put("metadata", Map.of("team", "support", "tier", 2));
    ModelAlias alias = new ModelAlias("support-bot", List.of(C, A, B), defaults);
    aliases.save(alias);

    ModelAlias stored = aliases.find("support-bot").orElseThrow();
    assertThat(stored.name()).isEqualTo("support-bot");
    assertThat(stored.models()).containsExactly(C, A, B);
    assertThat(Compare.normalised(stored.defaults())).isEqualTo(Compare.normalised(defaults));
  }

  @Test
  void longListsKeepTheirOrder() {
    List<ModelId> models = new ArrayList<>();
    for (int i = 20; i > 0; i--) {
      models.add(new ModelId("ollama-mac", "model-" + i + ":latest"));
    }
    aliases.save(new ModelAlias("many", models, Map.of()));

    assertThat(aliases.find("many").orElseThrow().models()).containsExactlyElementsOf(models);
  }

  @Test
  void saveReplacesTheAliasWithTheSameName() {
    aliases.save(new ModelAlias("fast", List.of(A, B), Map.of("temperature", 1)));
    aliases.save(alias("fast", B));

    assertThat(aliases.list()).containsExactly(alias("fast", B));
  }

  @Test
  void listIsInNameOrder() {
    aliases.save(alias("support-bot", A));
    aliases.save(alias("cheap", B));
    aliases.save(alias("fast", C));

    assertThat(aliases.list()).extracting(ModelAlias::name).containsExactly("cheap", "fast", "support-bot");
  }

  @Test
  void deleteRemovesOnlyThatAlias() {
    aliases.save(alias("fast", A));
    aliases.save(alias("cheap", B));

    assertThat(aliases.delete("fast")).isTrue();
    assertThat(aliases.delete("fast")).isFalse();
    assertThat(aliases.list()).containsExactly(alias("cheap", B));
  }

  @Test
  void replaceModelRewritesEveryAliasNamingItAndCountsThem() {
    aliases.save(alias("fast", A, B));
    aliases.save(alias("cheap", B));
    aliases.save(alias("free", C));

    assertThat(aliases.replaceModel(B, X)).isEqualTo(2);

    assertThat(aliases.find("fast").orElseThrow().models()).containsExactly(A, X);
    assertThat(aliases.find("cheap").orElseThrow().models()).containsExactly(X);
    assertThat(aliases.find("free").orElseThrow().models()).containsExactly(C);
    assertThat(aliases.replaceModel(B, X)).isZero();
  }

  @Test
  void replaceModelKeepsDefaultsAndListsNoModelTwice() {
    aliases.save(new ModelAlias("fast", List.of(A, B, C), Map.of("temperature", 0.5)));

    assertThat(aliases.replaceModel(B, A)).isEqualTo(1);

    ModelAlias stored = aliases.find("fast").orElseThrow();
    assertThat(stored.models()).containsExactly(A, C);
    assertThat(Compare.normalised(stored.defaults())).isEqualTo(Compare.normalised(Map.of("temperature", 0.5)));
  }

  @Test
  void nullIsRejectedAndNothingChanges() {
    aliases.save(alias("fast", A));

    assertThatThrownBy(() -> aliases.save(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> aliases.replaceModel(null, B)).isInstanceOf(NullPointerException.class);
    assertThat(aliases.list()).containsExactly(alias("fast", A));
  }

  @Test
  void theBalancingStrategyIsKeptReplacedAndClearedAndOutlivesAModelReplacement() {
    aliases.save(new ModelAlias("spread", List.of(A, B), Map.of(), BalanceStrategy.ROUND_ROBIN));
    assertThat(aliases.find("spread")).hasValueSatisfying(a -> assertThat(a.strategy())
        .isEqualTo(BalanceStrategy.ROUND_ROBIN));
    aliases.replaceModel(A, C);
    assertThat(aliases.find("spread")).hasValueSatisfying(a -> {
      assertThat(a.models()).containsExactly(C, B);
      assertThat(a.strategy()).isEqualTo(BalanceStrategy.ROUND_ROBIN);
    });
    aliases.save(new ModelAlias("spread", List.of(A), Map.of(), BalanceStrategy.LATENCY));
    assertThat(aliases.find("spread")).hasValueSatisfying(a -> assertThat(a.strategy())
        .isEqualTo(BalanceStrategy.LATENCY));
    aliases.save(new ModelAlias("spread", List.of(A), Map.of()));
    assertThat(aliases.find("spread")).hasValueSatisfying(a -> {
      assertThat(a.strategy()).isNull();
      assertThat(a.balancing()).isEqualTo(BalanceStrategy.DEFAULT);
    });
  }
}

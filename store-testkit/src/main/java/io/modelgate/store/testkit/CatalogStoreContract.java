package io.modelgate.store.testkit;

import static io.modelgate.store.testkit.Compare.sameValue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelgate.core.model.Capability;
import io.modelgate.core.model.CatalogEntry;
import io.modelgate.core.model.CatalogKey;
import io.modelgate.core.model.ModelCategory;
import io.modelgate.core.model.ModelId;
import io.modelgate.core.model.ModelSource;
import io.modelgate.core.model.ModelStatus;
import io.modelgate.core.model.Pricing;
import io.modelgate.core.model.ProviderKind;
import io.modelgate.core.port.CatalogStore;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link CatalogStore} does. Subclass it with a fresh, empty store per test. */
public abstract class CatalogStoreContract {
  static final Instant T0 = Instant.parse("2026-11-23T10:15:30.123Z");

  private CatalogStore store;

  /** A new, empty store. */
  protected abstract CatalogStore newStore();

  @BeforeEach
  final void createStore() {
    store = newStore();
  }

  static CatalogEntry minimal(String id, ModelCategory category) {
    return new CatalogEntry(ModelId.parse(id), ProviderKind.OPENAI, category, null, null, null, null, Set.of(),
        null, ModelStatus.PENDING, ModelSource.DISCOVERED, T0, null, null, null, null, null, null);
  }

  static CatalogEntry full(String id, ModelCategory category) {
    return new CatalogEntry(ModelId.parse(id), ProviderKind.OPENROUTER, category, "Llama 3.1 8B (free)",
        "Meta's small model, \"instruct\" tuned — ünïcode ok", 131_072, 8_192,
        EnumSet.of(Capability.STREAMING, Capability.TOOLS, Capability.JSON_OUTPUT),
        new Pricing(new BigDecimal("0.15"), new BigDecimal("0.600"), new BigDecimal("0.075"), new BigDecimal("0")),
        ModelStatus.ENABLED, ModelSource.CURATED, T0, T0.plusSeconds(60), null, T0.plusSeconds(120),
        "{\"id\": \"meta-llama/llama-3.1-8b:free\",\n  \"context_length\": 131072, \"tags\": [\"a\", \"b\"]}",
        "approved for the support team", ModelId.parse("openrouter:meta-llama/llama-3.3-70b"));
  }

  @Test
  void findOfUnknownKeyIsEmpty() {
    assertThat(store.find(new CatalogKey(ModelId.parse("openai:gpt-4o"), ModelCategory.TEXT))).isEmpty();
    assertThat(store.findById(ModelId.parse("openai:gpt-4o"))).isEmpty();
    assertThat(store.list(null, null)).isEmpty();
  }

  @Test
  void savedEntryComesBackWithEveryField() {
    CatalogEntry entry = full("openrouter:meta-llama/llama-3.1-8b:free", ModelCategory.TEXT);
    store.save(entry);

    sameValue(store.find(entry.key()).orElseThrow(), entry);
    assertThat(store.find(entry.key()).orElseThrow().capabilities())
        .containsExactlyInAnyOrder(Capability.STREAMING, Capability.TOOLS, Capability.JSON_OUTPUT);
  }

  @Test
  void entryWithOnlyRequiredFieldsKeepsItsNulls() {
    CatalogEntry entry = minimal("openai:gpt-4o", ModelCategory.TEXT);
    store.save(entry);

    CatalogEntry stored = store.find(entry.key()).orElseThrow();
    sameValue(stored, entry);
    assertThat(stored.pricing()).isNull();
    assertThat(stored.rawMetadata()).isNull();
    assertThat(stored.capabilities()).isEmpty();
    assertThat(stored.displayName()).isEqualTo("gpt-4o");
  }

  @Test
  void pricingComesBackByValue() {
    Pricing pricing = new Pricing(new BigDecimal("0.000150"), new BigDecimal("1234567.1234567891"),
        null, new BigDecimal("0.0000000001"));
    CatalogEntry entry = withPricing(minimal("openai:gpt-4o-mini", ModelCategory.TEXT), pricing);
    store.save(entry);

    Pricing stored = store.find(entry.key()).orElseThrow().pricing();
    assertThat(stored).isNotNull();
    assertThat(stored.inputPerMillion()).isEqualByComparingTo("0.00015");
    assertThat(stored.outputPerMillion()).isEqualByComparingTo("1234567.1234567891");
    assertThat(stored.cachedInputPerMillion()).isNull();
    assertThat(stored.perRequest()).isEqualByComparingTo("0.0000000001");
  }

  @Test
  void freePricingIsNotUnknownPricing() {
    CatalogEntry entry = withPricing(minimal("ollama-mac:llama3.1:8b", ModelCategory.TEXT), Pricing.FREE);
    store.save(entry);

    Pricing stored = store.find(entry.key()).orElseThrow().pricing();
    assertThat(stored).isNotNull();
    assertThat(stored.isKnown()).isTrue();
    assertThat(stored.inputPerMillion()).isEqualByComparingTo("0");
  }

  @Test
  void rawMetadataTextIsKeptExactlyAsItCame() {
    String raw = "{ \"id\" : \"x\",\n\t\"emoji\": \"\uD83E\uDD99\", \"quote\": \"it's \\\"fine\\\"\", \"pad\": \""
        + "a".repeat(60_000) + "\" }";
    CatalogEntry base = minimal("ollama-mac:llama3.1:8b", ModelCategory.TEXT);
    CatalogEntry entry = new CatalogEntry(base.id(), base.providerKind(), base.category(), null, null, null, null,
        Set.of(), null, base.status(), base.source(), base.discoveredAt(), null, null, null, raw, null, null);
    store.save(entry);

    assertThat(store.find(entry.key()).orElseThrow().rawMetadata()).isEqualTo(raw);
  }

  @Test
  void instantsAreKeptToTheMillisecond() {
    Instant precise = Instant.parse("2026-11-23T10:15:30.123456789Z");
    CatalogEntry base = full("openai:gpt-4o", ModelCategory.TEXT);
    CatalogEntry entry = new CatalogEntry(base.id(), base.providerKind(), base.category(), base.displayName(),
        null, null, null, Set.of(), null, ModelStatus.DEPRECATED, base.source(), precise, precise.plusMillis(1),
        precise.plusMillis(2), precise.plusMillis(3), null, null, null);
    store.save(entry);

    CatalogEntry stored = store.find(entry.key()).orElseThrow();
    assertThat(stored.discoveredAt().truncatedTo(ChronoUnit.MILLIS)).isEqualTo("2026-11-23T10:15:30.123Z");
    assertThat(stored.enabledAt()).isNotNull();
    assertThat(stored.enabledAt().truncatedTo(ChronoUnit.MILLIS)).isEqualTo("2026-11-23T10:15:30.124Z");
    assertThat(stored.deprecatedAt()).isNotNull();
    assertThat(stored.deprecatedAt().truncatedTo(ChronoUnit.MILLIS)).isEqualTo("2026-11-23T10:15:30.125Z");
    assertThat(stored.lastSeenAt()).isNotNull();
    assertThat(stored.lastSeenAt().truncatedTo(ChronoUnit.MILLIS)).isEqualTo("2026-11-23T10:15:30.126Z");
  }

  @Test
  void saveReplacesTheWholeEntry() {
    CatalogEntry first = full("openai:gpt-4o", ModelCategory.TEXT);
    store.save(first);
    CatalogEntry second = minimal("openai:gpt-4o", ModelCategory.TEXT).withAdminNotes("only this");
    store.save(second);

    sameValue(store.find(first.key()).orElseThrow(), second);
    assertThat(store.list(null, null)).hasSize(1);
  }

  @Test
  void oneModelIdInTwoCategoriesIsTwoEntries() {
    CatalogEntry text = full("ollama-mac:nomic-embed-text:latest", ModelCategory.TEXT);
    CatalogEntry embedding = minimal("ollama-mac:nomic-embed-text:latest", ModelCategory.EMBEDDING);
    store.save(embedding);
    store.save(text);

    assertThat(store.findById(text.id())).extracting(CatalogEntry::category)
        .containsExactly(ModelCategory.TEXT, ModelCategory.EMBEDDING);
    sameValue(store.find(embedding.key()).orElseThrow(), embedding);
    sameValue(store.find(text.key()).orElseThrow(), text);
  }

  @Test
  void listFiltersByInstanceAndCategoryInIdOrder() {
    store.save(minimal("openai:gpt-4o", ModelCategory.TEXT));
    store.save(minimal("openai:text-embedding-3-small", ModelCategory.EMBEDDING));
    store.save(minimal("openai:gpt-4o-mini", ModelCategory.TEXT));
    store.save(minimal("openai:tts-1", ModelCategory.TTS));
    store.save(minimal("ollama-mac:llama3.1:8b", ModelCategory.TEXT));
    store.save(minimal("openai-eu:gpt-4o", ModelCategory.TEXT));

    assertThat(store.list("openai", null)).extracting(e -> e.id().toString())
        .containsExactly("openai:gpt-4o", "openai:gpt-4o-mini", "openai:text-embedding-3-small", "openai:tts-1");
    assertThat(store.list("openai", ModelCategory.TEXT)).extracting(e -> e.id().toString())
        .containsExactly("openai:gpt-4o", "openai:gpt-4o-mini");
    assertThat(store.list(null, ModelCategory.TEXT)).extracting(e -> e.id().toString())
        .containsExactly("ollama-mac:llama3.1:8b", "openai:gpt-4o", "openai:gpt-4o-mini", "openai-eu:gpt-4o");
    assertThat(store.list(null, null)).hasSize(6);
    assertThat(store.list("nobody", null)).isEmpty();
  }

  @Test
  void upsertDiscoveredInsertsANewEntryAsGiven() {
    CatalogEntry entry = full("openai:gpt-4o", ModelCategory.TEXT);

    CatalogEntry stored = store.upsertDiscovered(entry);

    sameValue(stored, entry);
    sameValue(store.find(entry.key()).orElseThrow(), entry);
  }

  @Test
  void upsertDiscoveredNeverOverwritesStatusNotesOrSuccessor() {
    CatalogEntry admin = full("openai:gpt-4o", ModelCategory.TEXT)
        .withStatus(ModelStatus.DISABLED, T0.plusSeconds(300))
        .withAdminNotes("too expensive")
        .withSuccessor(ModelId.parse("openai:gpt-4.1"));
    store.save(admin);
    Instant later = T0.plus(Duration.ofDays(1));
    CatalogEntry fresh = new CatalogEntry(admin.id(), ProviderKind.OPENAI, ModelCategory.TEXT, "GPT-4o (2026)",
        "new text", 256_000, 16_384, EnumSet.of(Capability.VISION), Pricing.perMillion("2.5", "10"),
        ModelStatus.PENDING, ModelSource.DISCOVERED, later, null, null, later, "{\"v\":2}", null, null);

    CatalogEntry stored = store.upsertDiscovered(fresh);

    sameValue(store.find(admin.key()).orElseThrow(), stored);
    assertThat(stored.status()).isEqualTo(ModelStatus.DISABLED);
    assertThat(stored.adminNotes()).isEqualTo("too expensive");
    assertThat(stored.successor()).isEqualTo(ModelId.parse("openai:gpt-4.1"));
    assertThat(stored.discoveredAt()).isEqualTo(admin.discoveredAt());
    assertThat(stored.enabledAt()).isEqualTo(admin.enabledAt());
    assertThat(stored.source()).isEqualTo(admin.source());
    assertThat(stored.displayName()).isEqualTo("GPT-4o (2026)");
    assertThat(stored.description()).isEqualTo("new text");
    assertThat(stored.contextWindow()).isEqualTo(256_000);
    assertThat(stored.maxOutputTokens()).isEqualTo(16_384);
    assertThat(stored.capabilities()).containsExactly(Capability.VISION);
    assertThat(stored.pricing()).isNotNull();
    assertThat(stored.pricing().inputPerMillion()).isEqualByComparingTo("2.5");
    assertThat(stored.rawMetadata()).isEqualTo("{\"v\":2}");
    assertThat(stored.lastSeenAt()).isEqualTo(later);
  }

  @Test
  void upsertDiscoveredKeepsADeprecatedModelDeprecated() {
    CatalogEntry deprecated = full("openai:gpt-4", ModelCategory.TEXT)
        .withStatus(ModelStatus.DEPRECATED, T0.plusSeconds(10));
    store.save(deprecated);

    CatalogEntry stored = store.upsertDiscovered(minimal("openai:gpt-4", ModelCategory.TEXT));

    assertThat(stored.status()).isEqualTo(ModelStatus.DEPRECATED);
    assertThat(stored.deprecatedAt()).isEqualTo(T0.plusSeconds(10));
  }

  @Test
  void upsertDiscoveredTouchesOnlyItsOwnCategory() {
    CatalogEntry text = full("ollama-mac:bge-m3", ModelCategory.TEXT);
    store.save(text);

    store.upsertDiscovered(minimal("ollama-mac:bge-m3", ModelCategory.EMBEDDING));

    sameValue(store.find(text.key()).orElseThrow(), text);
    assertThat(store.findById(text.id())).hasSize(2);
  }

  @Test
  void concurrentUpsertsOfOneModelLeaveOneEntry() throws Exception {
    List<Callable<CatalogEntry>> calls = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      calls.add(() -> store.upsertDiscovered(minimal("openai:gpt-4o", ModelCategory.TEXT)));
    }
    Concurrently.call(8, calls);

    assertThat(store.findById(ModelId.parse("openai:gpt-4o"))).hasSize(1);
  }

  @Test
  void deleteRemovesOnlyThatKey() {
    CatalogEntry text = minimal("openai:gpt-4o", ModelCategory.TEXT);
    CatalogEntry other = minimal("openai:gpt-4o", ModelCategory.EMBEDDING);
    store.save(text);
    store.save(other);

    assertThat(store.delete(text.key())).isTrue();
    assertThat(store.delete(text.key())).isFalse();
    assertThat(store.find(text.key())).isEmpty();
    assertThat(store.find(other.key())).isPresent();
  }

  @Test
  void modelIdsWithColonsAndSlashesComeBackWhole() {
    store.save(minimal("ollama-mac:llama3.1:8b-instruct-q4_K_M", ModelCategory.TEXT));
    store.save(minimal("openrouter:meta-llama/llama-3.1-8b:free", ModelCategory.TEXT));

    assertThat(store.list(null, null)).extracting(e -> e.id().model())
        .containsExactly("llama3.1:8b-instruct-q4_K_M", "meta-llama/llama-3.1-8b:free");
  }

  @Test
  void nullArgumentsAreRejectedAndNothingChanges() {
    CatalogEntry entry = minimal("openai:gpt-4o", ModelCategory.TEXT);
    store.save(entry);

    assertThatThrownBy(() -> store.save(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> store.upsertDiscovered(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> store.find(null)).isInstanceOf(NullPointerException.class);
    assertThat(store.list(null, null)).hasSize(1);
  }

  private static CatalogEntry withPricing(CatalogEntry e, Pricing pricing) {
    return new CatalogEntry(e.id(), e.providerKind(), e.category(), e.displayName(), e.description(),
        e.contextWindow(), e.maxOutputTokens(), e.capabilities(), pricing, e.status(), e.source(), e.discoveredAt(),
        e.enabledAt(), e.deprecatedAt(), e.lastSeenAt(), e.rawMetadata(), e.adminNotes(), e.successor());
  }
}

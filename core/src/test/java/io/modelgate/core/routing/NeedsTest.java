package io.modelgate.core.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelgate.core.model.CatalogEntry;
import io.modelgate.core.model.ModelCategory;
import io.modelgate.core.model.ModelId;
import io.modelgate.core.model.ModelSource;
import io.modelgate.core.model.ModelStatus;
import io.modelgate.core.model.ProviderKind;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NeedsTest {
  /** A prompt of {@code tokens} tokens whose bound is {@code atMost}, counting how often it is counted. */
  private static final class Prompt implements PromptSize {
    private final long atMost;
    private final long tokens;
    int counted;

    Prompt(long atMost, long tokens) {
      this.atMost = atMost;
      this.tokens = tokens;
    }

    @Override
    public long atMost() {
      return atMost;
    }

    @Override
    public long tokens() {
      counted++;
      return tokens;
    }
  }

  private static CatalogEntry withWindow(Integer window) {
    return new CatalogEntry(ModelId.parse("acme:m"), ProviderKind.OPENAI, ModelCategory.TEXT, "m", null, window,
        null, Set.of(), null, ModelStatus.ENABLED, ModelSource.DISCOVERED, Instant.EPOCH, null, null, null, null, null,
        null);
  }

  @Test
  void aPromptWhoseBoundFitsTheWindowIsNotCounted() {
    Prompt prompt = new Prompt(1_000, 300);
    Needs needs = new Needs(Set.of(), prompt);

    assertThat(needs.unmetBy(withWindow(1_000))).isNull();
    assertThat(needs.unmetBy(withWindow(null))).isNull();
    assertThat(prompt.counted).isZero();
  }

  @Test
  void aBoundOverTheWindowIsSettledByTheCount() {
    Prompt fits = new Prompt(5_000, 900);
    assertThat(new Needs(Set.of(), fits).unmetBy(withWindow(1_000))).isNull();
    assertThat(fits.counted).isEqualTo(1);

    Prompt tooLong = new Prompt(5_000, 1_001);
    assertThat(new Needs(Set.of(), tooLong).unmetBy(withWindow(1_000)))
        .isEqualTo("has a context window of 1000 tokens, under the prompt's 1001");
  }
}

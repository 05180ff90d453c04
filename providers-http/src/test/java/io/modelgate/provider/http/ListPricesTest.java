package io.modelgate.provider.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelgate.core.model.Pricing;
import org.junit.jupiter.api.Test;

/** The shipped prices file: every price cited, matched by provider and model, and bad entries refused by name. */
class ListPricesTest {
  private final ListPrices prices = ListPrices.load();

  @Test
  void speechIsPricedPerMillionCharactersAndDallEPerImage() {
    assertThat(prices.find("elevenlabs", "eleven_flash_v2_5").map(Pricing::inputPerMillion)).hasValueSatisfying(
        p -> assertThat(p).isEqualByComparingTo("50"));
    assertThat(prices.find("elevenlabs", "eleven_turbo_v2").map(Pricing::inputPerMillion)).hasValueSatisfying(
        p -> assertThat(p).isEqualByComparingTo("50"));
    assertThat(prices.find("elevenlabs", "eleven_multilingual_v2").map(Pricing::inputPerMillion))
        .as("the first matching entry wins: not flash or turbo").hasValueSatisfying(
            p -> assertThat(p).isEqualByComparingTo("100"));
    assertThat(prices.find("azure-speech", "neural").map(Pricing::inputPerMillion)).hasValueSatisfying(
        p -> assertThat(p).isEqualByComparingTo("15"));
    assertThat(prices.find("openai", "dall-e-3").map(Pricing::perRequest)).hasValueSatisfying(
        p -> assertThat(p).isEqualByComparingTo("0.04"));
    assertThat(prices.find("openai", "dall-e-2").map(Pricing::perRequest)).hasValueSatisfying(
        p -> assertThat(p).isEqualByComparingTo("0.02"));
  }

  @Test
  void aModelMatchesOnlyItsOwnProviderAndTheWholeId() {
    assertThat(prices.find("azure-speech", "neural-hd")).isEmpty();
    assertThat(prices.find("openai", "dall-e-3-preview")).isEmpty();
    assertThat(prices.find("openai", "eleven_flash_v2_5")).isEmpty();
    assertThat(prices.find("elevenlabs", "scribe_v1")).isEmpty();
  }

  @Test
  void anEntryWithoutASourceOrAPriceIsRefusedByName() {
    assertThatThrownBy(() -> ListPrices.parse("""
        {"prices":[{"provider":"x","model_pattern":"m","input_per_million":"1","quote":"q"}]}"""))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("prices[0] (x m)")
        .hasMessageContaining("source");
    assertThatThrownBy(() -> ListPrices.parse("""
        {"prices":[{"provider":"x","model_pattern":"m","source":"https://x.example/p","quote":"q"}]}"""))
        .hasMessageContaining("gives no price");
    assertThatThrownBy(() -> ListPrices.parse("""
        {"prices":[{"provider":"x","model_pattern":"m","per_request":"ten","source":"https://x.example/p",
        "quote":"q"}]}""")).hasMessageContaining("not a number: 'ten'");
    assertThatThrownBy(() -> ListPrices.parse("""
        {"prices":[{"provider":"x","model_pattern":"(","per_request":"1","source":"https://x.example/p",
        "quote":"q"}]}""")).hasMessageContaining("bad 'model_pattern'");
  }
}

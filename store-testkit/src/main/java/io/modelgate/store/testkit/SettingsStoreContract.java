package io.modelgate.store.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelgate.core.model.Conversation;
import io.modelgate.core.model.ModelCategory;
import io.modelgate.core.model.ModelId;
import io.modelgate.core.port.SettingsStore;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link SettingsStore} does. Subclass it with a fresh, empty store per test. */
public abstract class SettingsStoreContract {
  private static final ModelId GPT = ModelId.parse("openai:gpt-4o");
  private static final ModelId LLAMA = ModelId.parse("ollama-mac:llama3.1:8b");
  private static final ModelId EMBED = ModelId.parse("openai:text-embedding-3-small");
  private static final ModelId NEXT = ModelId.parse("openai:gpt-4.1");
  private static final Conversation CONV_1 = new Conversation("anna", "conv-1");
  private static final Conversation CONV_2 = new Conversation("anna", "conv-2");

  private SettingsStore settings;

  /** A new, empty store. */
  protected abstract SettingsStore newStore();

  @BeforeEach
  final void createStore() {
    settings = newStore();
  }

  @Test
  void nothingIsSetAtFirst() {
    assertThat(settings.globalDefault(ModelCategory.TEXT)).isEmpty();
    assertThat(settings.userDefault("anna", ModelCategory.TEXT)).isEmpty();
    assertThat(settings.userDefaults("anna")).isEmpty();
    assertThat(settings.orgDefault("acme", ModelCategory.TEXT)).isEmpty();
    assertThat(settings.pinnedModel(CONV_1)).isEmpty();
  }

  @Test
  void globalDefaultIsKeptPerCategoryReplacedAndCleared() {
    settings.setGlobalDefault(ModelCategory.TEXT, GPT);
    settings.setGlobalDefault(ModelCategory.EMBEDDING, EMBED);
    settings.setGlobalDefault(ModelCategory.TEXT, LLAMA);

    assertThat(settings.globalDefault(ModelCategory.TEXT)).contains(LLAMA);
    assertThat(settings.globalDefault(ModelCategory.EMBEDDING)).contains(EMBED);
    assertThat(settings.globalDefault(ModelCategory.TTS)).isEmpty();

    settings.setGlobalDefault(ModelCategory.TEXT, null);
    settings.setGlobalDefault(ModelCategory.TTS, null);
    assertThat(settings.globalDefault(ModelCategory.TEXT)).isEmpty();
    assertThat(settings.globalDefault(ModelCategory.EMBEDDING)).contains(EMBED);
  }

  @Test
  void userDefaultsAreKeptPerUserAndCategory() {
    settings.setUserDefault("anna", ModelCategory.TEXT, LLAMA);
    settings.setUserDefault("anna", ModelCategory.EMBEDDING, EMBED);
    settings.setUserDefault("ben", ModelCategory.TEXT, GPT);

    assertThat(settings.userDefault("anna", ModelCategory.TEXT)).contains(LLAMA);
    assertThat(settings.userDefaults("anna"))
        .isEqualTo(Map.of(ModelCategory.TEXT, LLAMA, ModelCategory.EMBEDDING, EMBED));
    assertThat(settings.userDefaults("ben")).isEqualTo(Map.of(ModelCategory.TEXT, GPT));

    settings.setUserDefault("anna", ModelCategory.TEXT, null);
    assertThat(settings.userDefaults("anna")).isEqualTo(Map.of(ModelCategory.EMBEDDING, EMBED));
  }

  @Test
  void orgDefaultsAreKeptPerOrgAndCategory() {
    settings.setOrgDefault("acme", ModelCategory.TEXT, GPT);
    settings.setOrgDefault("acme", ModelCategory.TEXT, LLAMA);
    settings.setOrgDefault("globex", ModelCategory.TEXT, GPT);

    assertThat(settings.orgDefault("acme", ModelCategory.TEXT)).contains(LLAMA);
    assertThat(settings.orgDefault("globex", ModelCategory.TEXT)).contains(GPT);
    assertThat(settings.orgDefault("acme", ModelCategory.EMBEDDING)).isEmpty();

    settings.setOrgDefault("acme", ModelCategory.TEXT, null);
    assertThat(settings.orgDefault("acme", ModelCategory.TEXT)).isEmpty();
  }

  @Test
  void scopesWithTheSameIdDoNotMeet() {
    settings.setUserDefault("acme", ModelCategory.TEXT, GPT);
    settings.setOrgDefault("acme", ModelCategory.TEXT, LLAMA);
    settings.pin(new Conversation("acme", "acme"), EMBED);

    assertThat(settings.userDefault("acme", ModelCategory.TEXT)).contains(GPT);
    assertThat(settings.orgDefault("acme", ModelCategory.TEXT)).contains(LLAMA);
    assertThat(settings.pinnedModel(new Conversation("acme", "acme"))).contains(EMBED);
    assertThat(settings.globalDefault(ModelCategory.TEXT)).isEmpty();
  }

  @Test
  void conversationPinIsSetReplacedAndCleared() {
    settings.pin(CONV_1, GPT);
    settings.pin(CONV_2, LLAMA);
    settings.pin(CONV_1, NEXT);

    assertThat(settings.pinnedModel(CONV_1)).contains(NEXT);
    assertThat(settings.pinnedModel(CONV_2)).contains(LLAMA);

    settings.pin(CONV_1, null);
    assertThat(settings.pinnedModel(CONV_1)).isEmpty();
    assertThat(settings.pinnedModel(CONV_2)).contains(LLAMA);
  }

  @Test
  void replaceModelRewritesEveryDefaultPreferenceAndPinAndCountsThem() {
    settings.setGlobalDefault(ModelCategory.TEXT, GPT);
    settings.setUserDefault("anna", ModelCategory.TEXT, GPT);
    settings.setUserDefault("ben", ModelCategory.TEXT, LLAMA);
    settings.setOrgDefault("acme", ModelCategory.TEXT, GPT);
    settings.pin(CONV_1, GPT);
    settings.pin(CONV_2, LLAMA);

    assertThat(settings.replaceModel(GPT, NEXT)).isEqualTo(4);

    assertThat(settings.globalDefault(ModelCategory.TEXT)).contains(NEXT);
    assertThat(settings.userDefault("anna", ModelCategory.TEXT)).contains(NEXT);
    assertThat(settings.orgDefault("acme", ModelCategory.TEXT)).contains(NEXT);
    assertThat(settings.pinnedModel(CONV_1)).contains(NEXT);
    assertThat(settings.userDefault("ben", ModelCategory.TEXT)).contains(LLAMA);
    assertThat(settings.pinnedModel(CONV_2)).contains(LLAMA);
    assertThat(settings.replaceModel(GPT, NEXT)).isZero();
  }

  @Test
  void modelIdsWithColonsComeBackWhole() {
    ModelId tagged = ModelId.parse("openrouter:meta-llama/llama-3.1-8b:free");
    settings.pin(CONV_1, tagged);

    assertThat(settings.pinnedModel(CONV_1)).contains(tagged);
  }

  @Test
  void nullCategoryIsRejectedAndNothingChanges() {
    settings.setGlobalDefault(ModelCategory.TEXT, GPT);

    assertThatThrownBy(() -> settings.setGlobalDefault(null, LLAMA)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> settings.setUserDefault("anna", null, LLAMA))
        .isInstanceOf(NullPointerException.class);
    assertThat(settings.globalDefault(ModelCategory.TEXT)).contains(GPT);
    assertThat(settings.userDefaults("anna")).isEmpty();
  }

  @Test
  void theSameConversationIdUnderTwoOwnersIsTwoConversations() {
    Conversation annas = new Conversation("anna", "shared-id");
    Conversation bens = new Conversation("ben", "shared-id");
    Conversation ownerless = new Conversation(Conversation.NO_OWNER, "shared-id");
    settings.pin(annas, GPT);

    assertThat(settings.pinnedModel(bens)).isEmpty();
    assertThat(settings.pinnedModel(ownerless)).isEmpty();

    settings.pin(bens, LLAMA);
    settings.pin(ownerless, NEXT);
    assertThat(settings.pinnedModel(annas)).contains(GPT);
    assertThat(settings.pinnedModel(bens)).contains(LLAMA);
    assertThat(settings.pinnedModel(ownerless)).contains(NEXT);

    settings.pin(bens, null);
    assertThat(settings.pinnedModel(bens)).isEmpty();
    assertThat(settings.pinnedModel(annas)).contains(GPT);
    assertThat(settings.replaceModel(GPT, EMBED)).isEqualTo(1);
    assertThat(settings.pinnedModel(annas)).contains(EMBED);
    assertThat(settings.pinnedModel(ownerless)).contains(NEXT);
  }

  @Test
  void agentDefaultsArePerAgentAndCategoryAndClearWithNull() {
    settings.setAgentDefault("support-bot", ModelCategory.TEXT, GPT);
    settings.setAgentDefault("sales-bot", ModelCategory.TEXT, LLAMA);

    assertThat(settings.agentDefault("support-bot", ModelCategory.TEXT)).contains(GPT);
    assertThat(settings.agentDefault("sales-bot", ModelCategory.TEXT)).contains(LLAMA);
    assertThat(settings.agentDefault("support-bot", ModelCategory.EMBEDDING)).isEmpty();
    assertThat(settings.userDefault("support-bot", ModelCategory.TEXT)).as("agents are not users").isEmpty();

    settings.setAgentDefault("support-bot", ModelCategory.TEXT, null);
    assertThat(settings.agentDefault("support-bot", ModelCategory.TEXT)).isEmpty();
  }
}

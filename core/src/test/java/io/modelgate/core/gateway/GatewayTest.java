package io.modelgate.core.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelgate.core.FakeProvider;
import io.modelgate.core.Modelgate;
import io.modelgate.core.MutableClock;
import io.modelgate.core.catalog.DiscoveryRequest;
import io.modelgate.core.chat.ChatEvent;
import io.modelgate.core.chat.ChatRequest;
import io.modelgate.core.chat.FinishReason;
import io.modelgate.core.chat.Usage;
import io.modelgate.core.error.ModelPendingException;
import io.modelgate.core.error.QuotaExceededException;
import io.modelgate.core.error.RateLimitedException;
import io.modelgate.core.memory.InMemoryCredentialVault;
import io.modelgate.core.memory.InMemoryQuotaLedger;
import io.modelgate.core.memory.InMemoryUsageLog;
import io.modelgate.core.model.CallerContext;
import io.modelgate.core.model.DiscoveredModel;
import io.modelgate.core.model.ModelCategory;
import io.modelgate.core.model.ModelId;
import io.modelgate.core.model.ModelListing;
import io.modelgate.core.model.ModelSource;
import io.modelgate.core.model.ModelStatus;
import io.modelgate.core.model.Pricing;
import io.modelgate.core.model.ProviderInstance;
import io.modelgate.core.model.Secret;
import io.modelgate.core.usage.UsageOutcome;
import io.modelgate.core.usage.UsageQuery;
import io.modelgate.core.usage.UsageRecord;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class GatewayTest {
  private final MutableClock clock = new MutableClock();
  private final FakeProvider fake = new FakeProvider();
  private final InMemoryUsageLog usage = new InMemoryUsageLog(new InMemoryQuotaLedger());
  private final InMemoryCredentialVault vault = new InMemoryCredentialVault(clock);
  private final io.modelgate.core.memory.InMemoryProviderConfigStore configs =
      new io.modelgate.core.memory.InMemoryProviderConfigStore();
  private Modelgate modelgate;

  @BeforeEach
  void setUp() {
    modelgate = Modelgate.builder().driver(fake).clock(clock).usageLog(usage).credentialVault(vault)
        .providerConfigStore(configs)
        .environment(Map.of("ACME_KEY", "sk-shared-key-000000000000"))
        .instance(FakeProvider.instance("acme").newBuilder()
            .credentialRef(ProviderInstance.envCredential("ACME_KEY")).build())
        .build();
    fake.listing = () -> ModelListing.of(List.of(new DiscoveredModel("m", ModelCategory.TEXT, null, null, null,
        null, Set.of(), Pricing.perMillion("2", "8"), null, ModelSource.DISCOVERED)));
    modelgate.discovery().discover(DiscoveryRequest.ALL);
    modelgate.catalog().setStatus(ModelId.parse("acme:m"), ModelStatus.ENABLED);
  }

  private List<UsageRecord> records() {
    return usage.find(UsageQuery.ALL);
  }

  @Test
  void aChatIsRoutedCalledAndRecordedWithCostAndRoute() {
    fake.reply = List.of(new ChatEvent.TextDelta("Hel"), new ChatEvent.TextDelta("lo"),
        new ChatEvent.Completed(FinishReason.STOP, Usage.of(1_000, 500)));
    CallerContext caller = new CallerContext("ann", "eng", "mg_ab12", "conv-9", false);
    GatewayResult<?> result = modelgate.gateway().chat(ChatRequest.builder().model("acme:m")
        .message(io.modelgate.core.chat.ChatMessage.user("hi")).caller(caller).build());
    assertThat(result.route().servedId()).isEqualTo(ModelId.parse("acme:m"));
    assertThat(result.costUsd()).isEqualByComparingTo("0.006"); // 1000*2/1e6 + 500*8/1e6
    assertThat(fake.chatModels).containsExactly("m");
    assertThat(records()).singleElement().satisfies(r -> {
      assertThat(r.outcome()).isEqualTo(UsageOutcome.SUCCESS);
      assertThat(r.principal()).isEqualTo("ann");
      assertThat(r.orgId()).isEqualTo("eng");
      assertThat(r.conversationId()).isEqualTo("conv-9");
      assertThat(r.requestedModel()).isEqualTo("acme:m");
      assertThat(r.servedModel()).isEqualTo("acme:m");
      assertThat(r.provider()).isEqualTo("acme");
      assertThat(r.usage()).isEqualTo(Usage.of(1_000, 500));
      assertThat(r.costUsd()).isEqualByComparingTo("0.006");
      assertThat(r.price()).isEqualTo(Pricing.perMillion("2", "8"));
      assertThat(r.timeToFirstToken()).isNotNull();
      assertThat(r.requestId()).isEqualTo(result.requestId());
    });
  }

  @Test
  void aStreamThatFailsIsRecordedAsAnErrorAndNeverAsAFinish() {
    fake.reply = List.of(new ChatEvent.TextDelta("Hel"),
        new ChatEvent.Failed(new RateLimitedException("slow down", null)));
    GatewayChat call = modelgate.gateway().stream(ChatRequest.of("acme:m", "hi"));
    assertThat(call.stream().next()).isInstanceOf(ChatEvent.TextDelta.class);
    assertThat(call.stream().next()).isInstanceOf(ChatEvent.Failed.class);
    assertThat(records()).singleElement().satisfies(r -> {
      assertThat(r.outcome()).isEqualTo(UsageOutcome.ERROR);
      assertThat(r.errorClass()).isEqualTo("rate_limited");
    });
  }

  @Test
  void aPromptTheProviderBlockedIsRecordedAsAContentFilterError() {
    fake.reply = List.of(new ChatEvent.UsageReport(io.modelgate.core.chat.Usage.of(8, 0)), new ChatEvent.Failed(
        new io.modelgate.core.error.ContentFilteredException("Gemini blocked the prompt (SAFETY)")));
    GatewayChat call = modelgate.gateway().stream(ChatRequest.of("acme:m", "something bad"));
    call.stream().next();
    assertThat(call.stream().next()).isInstanceOf(ChatEvent.Failed.class);
    assertThat(records()).singleElement().satisfies(r -> {
      assertThat(r.outcome()).isEqualTo(UsageOutcome.ERROR);
      assertThat(r.errorClass()).isEqualTo("content_filter");
      assertThat(r.usage().promptTokens()).isEqualTo(8);
    });
  }

  @Test
  void aProviderStreamThatJustStopsEndsAsAFailure() {
    fake.reply = List.of(new ChatEvent.TextDelta("Hel"));
    assertThatThrownBy(() -> modelgate.gateway().chat(ChatRequest.of("acme:m", "hi")))
        .isInstanceOf(io.modelgate.core.error.StreamBrokenException.class);
    assertThat(records()).singleElement().extracting(UsageRecord::outcome).isEqualTo(UsageOutcome.ERROR);
  }

  @Test
  void closingAStreamEarlyIsRecordedOnceAsCancelled() {
    fake.reply = List.of(new ChatEvent.TextDelta("a"), new ChatEvent.TextDelta("b"),
        new ChatEvent.Completed(FinishReason.STOP, Usage.of(5, 2)));
    GatewayChat call = modelgate.gateway().stream(ChatRequest.of("acme:m", "hi"));
    call.stream().next();
    call.close();
    call.close();
    assertThat(records()).singleElement().satisfies(r -> {
      assertThat(r.outcome()).isEqualTo(UsageOutcome.CANCELLED);
      assertThat(r.usage().completionTokens()).isEqualTo(1);
    });
  }

  @Test
  void routingProblemsThrowBeforeAnythingIsSentOrRecorded() {
    fake.lists("m", "p");
    modelgate.discovery().discover(DiscoveryRequest.forced());
    assertThatThrownBy(() -> modelgate.gateway().stream(ChatRequest.of("acme:p", "hi")))
        .isInstanceOf(ModelPendingException.class);
    assertThat(fake.chatModels).isEmpty();
    assertThat(records()).isEmpty();
  }

  @Test
  void aUsersOwnKeyIsUsedBeforeTheSharedKey() {
    modelgate.gateway().chat(ChatRequest.of("acme:m", "hi"));
    vault.put("ann", "acme", Secret.of("sk-anns-own-key-0000000000"));
    modelgate.gateway().chat(ChatRequest.builder().model("acme:m")
        .message(io.modelgate.core.chat.ChatMessage.user("hi")).caller(CallerContext.user("ann", null)).build());
    assertThat(fake.keysSeen).extracting(Secret::reveal)
        .containsExactly("sk-shared-key-000000000000", "sk-anns-own-key-0000000000");
  }

  @Test
  void aUsersProviderConfigFillsSamplingTheRequestLeavesOpen() {
    configs.save(new io.modelgate.core.account.UserProviderConfig("ann", "acme", null, 0.2, 300, false,
        clock.instant()));
    CallerContext ann = CallerContext.user("ann", null);
    modelgate.gateway().chat(ChatRequest.builder().model("acme:m")
        .message(io.modelgate.core.chat.ChatMessage.user("hi")).caller(ann).build());
    modelgate.gateway().chat(ChatRequest.builder().model("acme:m")
        .message(io.modelgate.core.chat.ChatMessage.user("hi")).caller(ann)
        .sampling(io.modelgate.core.chat.SamplingOptions.DEFAULTS.withTemperature(1.5)).build());
    modelgate.gateway().chat(ChatRequest.of("acme:m", "hi"));
    assertThat(fake.chatRequests).extracting(r -> r.sampling().temperature()).containsExactly(0.2, 1.5, null);
    assertThat(fake.chatRequests).extracting(r -> r.sampling().maxTokens()).containsExactly(300, 300, null);
  }

  @Test
  void aQuotaRefusalStopsTheCallBeforeTheProvider() {
    Modelgate limited = Modelgate.builder().driver(fake).clock(clock)
        .instance(FakeProvider.instance("acme"))
        .quotaGuard((caller, model, maxTokens, maxUsd) -> {
          throw new QuotaExceededException("requests_per_day of 0 reached", "requests_per_day", null);
        }).build();
    limited.discovery().discover(DiscoveryRequest.ALL);
    limited.catalog().setStatus(ModelId.parse("acme:m"), ModelStatus.ENABLED);
    assertThatThrownBy(() -> limited.gateway().chat(ChatRequest.of("acme:m", "hi")))
        .isInstanceOf(QuotaExceededException.class);
    assertThat(fake.chatModels).isEmpty();
  }

  @Test
  void aCallInAConversationPinsTheModelThatServedItAndLaterCallsKeepToIt() {
    fake.listing = () -> ModelListing.of(List.of(DiscoveredModel.of("m", ModelCategory.TEXT),
        DiscoveredModel.of("n", ModelCategory.TEXT)));
    modelgate.discovery().discover(DiscoveryRequest.forced());
    modelgate.catalog().setStatus(ModelId.parse("acme:n"), ModelStatus.ENABLED);
    modelgate.catalog().setGlobalDefault(ModelCategory.TEXT, ModelId.parse("acme:m"));
    CallerContext caller = new CallerContext("ann", null, null, "trip", false);

    modelgate.gateway().chat(ChatRequest.builder().model("acme:n")
        .message(io.modelgate.core.chat.ChatMessage.user("hi")).caller(caller).build());
    assertThat(modelgate.settings().pinnedModel(new io.modelgate.core.model.Conversation("ann", "trip"))).contains(ModelId.parse("acme:n"));

    GatewayResult<?> next = modelgate.gateway().chat(ChatRequest.builder()
        .message(io.modelgate.core.chat.ChatMessage.user("again")).caller(caller).build());
    assertThat(next.route().servedId()).isEqualTo(ModelId.parse("acme:n"));
    assertThat(next.route().source()).isEqualTo(io.modelgate.core.routing.RouteSource.CONVERSATION);
    // Naming another model later serves that model but leaves the pin.
    modelgate.gateway().chat(ChatRequest.builder().model("acme:m")
        .message(io.modelgate.core.chat.ChatMessage.user("other")).caller(caller).build());
    assertThat(modelgate.settings().pinnedModel(new io.modelgate.core.model.Conversation("ann", "trip"))).contains(ModelId.parse("acme:n"));
    // The same id is another conversation for another caller.
    assertThat(modelgate.settings().pinnedModel(new io.modelgate.core.model.Conversation("bob", "trip"))).isEmpty();
    GatewayResult<?> bobs = modelgate.gateway().chat(ChatRequest.builder()
        .message(io.modelgate.core.chat.ChatMessage.user("mine")).caller(new CallerContext("bob", null, null, "trip",
            false)).build());
    assertThat(bobs.route().servedId()).isEqualTo(ModelId.parse("acme:m"));
    assertThat(modelgate.settings().pinnedModel(new io.modelgate.core.model.Conversation("bob", "trip")))
        .contains(ModelId.parse("acme:m"));
  }

  @Test
  void aCallRefusedBeforeItReachesTheProviderPinsNothing() {
    CallerContext caller = new CallerContext("ann", null, null, "refused", false);
    assertThatThrownBy(() -> modelgate.gateway().chat(ChatRequest.builder().model("acme:nope")
        .message(io.modelgate.core.chat.ChatMessage.user("hi")).caller(caller).build()))
        .isInstanceOf(io.modelgate.core.error.ModelNotFoundException.class);
    assertThat(modelgate.settings().pinnedModel(new io.modelgate.core.model.Conversation("ann", "refused"))).isEmpty();
  }

  @Test
  void theRequestIdTheCallerMadeIsTheOneRecorded() {
    io.modelgate.core.model.RequestId id = io.modelgate.core.model.RequestId.random();
    GatewayResult<?> result = modelgate.gateway().chat(ChatRequest.of("acme:m", "hi"), id);
    assertThat(result.requestId()).isEqualTo(id.value());
    assertThat(records()).singleElement().extracting(UsageRecord::requestId).isEqualTo(id.value());
    assertThatThrownBy(() -> new io.modelgate.core.model.RequestId("req_short"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'requestId'");
  }
}

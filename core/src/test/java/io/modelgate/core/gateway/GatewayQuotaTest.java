package io.modelgate.core.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelgate.core.FakeProvider;
import io.modelgate.core.Modelgate;
import io.modelgate.core.MutableClock;
import io.modelgate.core.catalog.DiscoveryRequest;
import io.modelgate.core.chat.ChatEvent;
import io.modelgate.core.chat.ChatMessage;
import io.modelgate.core.chat.ChatRequest;
import io.modelgate.core.chat.FinishReason;
import io.modelgate.core.chat.SamplingOptions;
import io.modelgate.core.chat.Usage;
import io.modelgate.core.error.QuotaExceededException;
import io.modelgate.core.error.UpstreamUnavailableException;
import io.modelgate.core.memory.InMemoryQuotaLedger;
import io.modelgate.core.memory.InMemoryQuotaPolicyStore;
import io.modelgate.core.memory.InMemoryUsageLog;
import io.modelgate.core.model.CallerContext;
import io.modelgate.core.model.DiscoveredModel;
import io.modelgate.core.model.ModelCategory;
import io.modelgate.core.model.ModelId;
import io.modelgate.core.model.ModelListing;
import io.modelgate.core.model.ModelSource;
import io.modelgate.core.model.ModelStatus;
import io.modelgate.core.model.Pricing;
import io.modelgate.core.port.TokenCounter;
import io.modelgate.core.port.UsageLog;
import io.modelgate.core.quota.QuotaAdjustment;
import io.modelgate.core.quota.QuotaAmount;
import io.modelgate.core.quota.QuotaCounterKey;
import io.modelgate.core.quota.QuotaLimits;
import io.modelgate.core.quota.QuotaMeter;
import io.modelgate.core.quota.QuotaStatus;
import io.modelgate.core.quota.QuotaSubject;
import io.modelgate.core.quota.QuotaWindow;
import io.modelgate.core.usage.UsageGroupBy;
import io.modelgate.core.usage.UsageOutcome;
import io.modelgate.core.usage.UsageQuery;
import io.modelgate.core.usage.UsageRecord;
import io.modelgate.core.usage.UsageTotal;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The gateway with {@link LimitingQuotaGuard} on in-memory stores: limits, settlement, cut-off and pricing. */
class GatewayQuotaTest {
  private static final QuotaSubject ANN = new QuotaSubject(QuotaSubject.Kind.USER, "ann");
  private static final QuotaSubject ENG = new QuotaSubject(QuotaSubject.Kind.ORG, "eng");
  private static final CallerContext CALLER = new CallerContext("ann", "eng", null, "conv-1", false);

  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T10:00:30Z"));
  private final FakeProvider fake = new FakeProvider();
  private final InMemoryQuotaLedger ledger = new InMemoryQuotaLedger();
  private final InMemoryUsageLog usage = new InMemoryUsageLog(ledger);
  private final InMemoryQuotaPolicyStore policies = new InMemoryQuotaPolicyStore();
  /** Texts counted by the token counter (the rough estimate, as the tests' sums assume). */
  private final List<String> counted = new ArrayList<>();
  private final TokenCounter counter = (model, text) -> {
    counted.add(text);
    return TokenCounter.ESTIMATE.count(model, text);
  };
  private Modelgate modelgate;

  @BeforeEach
  void setUp() {
    modelgate = Modelgate.builder().driver(fake).clock(clock).usageLog(usage).quotaLedger(ledger)
        .quotaPolicyStore(policies).tokenCounter(counter).instance(FakeProvider.instance("acme")).build();
    price(new Pricing(new BigDecimal("10"), new BigDecimal("10"), null, null));
  }

  private void price(Pricing pricing) {
    fake.listing = () -> ModelListing.of(List.of(new DiscoveredModel("m", ModelCategory.TEXT, null, null, null,
        null, Set.of(), pricing, null, ModelSource.DISCOVERED)));
    modelgate.discovery().discover(DiscoveryRequest.forced());
    modelgate.catalog().setStatus(ModelId.parse("acme:m"), ModelStatus.ENABLED);
  }

  /** "hi" counts as 1 token plus 4 of framing: 5 prompt tokens; with max_tokens 95, 100 tokens are reserved. */
  private static ChatRequest hi(int maxTokens) {
    return ChatRequest.builder().model("acme:m").message(ChatMessage.user("hi"))
        .sampling(SamplingOptions.DEFAULTS.withMaxTokens(maxTokens)).caller(CALLER).build();
  }

  private static List<ChatEvent> reply(Usage usage) {
    return List.of(new ChatEvent.TextDelta("ok"), new ChatEvent.Completed(FinishReason.STOP, usage));
  }

  private QuotaAmount month(QuotaSubject subject) {
    return ledger.read(new QuotaCounterKey(subject, QuotaWindow.MONTH, "2026-11"));
  }

  private List<UsageRecord> records() {
    return usage.find(UsageQuery.ALL);
  }

  @Test
  void aUsdBudgetStopsCallsAtExactlyTheRightOne() {
    // Each call may cost 100 tokens × $10/M = $0.001 and costs 50 × $10/M = $0.0005. With $0.003 a month, the
    // 5th call starts at $0.002 used (+$0.001 fits); the 6th starts at $0.0025 and its worst case does not fit.
    policies.set(ANN, QuotaLimits.builder().usdPerMonth("0.003").build());
    fake.reply = reply(Usage.of(5, 45));

    for (int i = 1; i <= 5; i++) {
      assertThat(modelgate.gateway().chat(hi(95)).costUsd()).as("call %d", i).isEqualByComparingTo("0.0005");
    }
    assertThatThrownBy(() -> modelgate.gateway().chat(hi(95)))
        .isInstanceOfSatisfying(QuotaExceededException.class, e -> {
          assertThat(e.limit()).isEqualTo("usd_per_month");
          assertThat(e.getMessage()).contains("usd_per_month limit of 0.003 for user 'ann'").contains("0.0025 used");
          assertThat(e.retryAfter()).isEqualTo(Duration.between(clock.instant(),
              Instant.parse("2026-12-01T00:00:00Z")));
        });

    assertThat(fake.chatModels).hasSize(5);
    assertThat(month(ANN).usd()).isEqualByComparingTo("0.0025");
    assertThat(records().stream().map(UsageRecord::costUsd).reduce(BigDecimal.ZERO, BigDecimal::add))
        .isEqualByComparingTo(month(ANN).usd());
    // A smaller worst case still fits in what is left.
    assertThat(modelgate.gateway().chat(hi(45)).costUsd()).isEqualByComparingTo("0.0005");
  }

  @Test
  void cachedTokenPricingMatchesAHandComputedExample() {
    // 4,000 uncached × $2/M = 0.008; 6,000 cached × $0.5/M = 0.003; 1,000 out × $8/M = 0.008; + $0.0001 a request
    price(new Pricing(new BigDecimal("2"), new BigDecimal("8"), new BigDecimal("0.5"), new BigDecimal("0.0001")));
    fake.reply = reply(new Usage(10_000, 1_000, 6_000, 200, null));

    GatewayResult<?> result = modelgate.gateway().chat(hi(2_000));

    assertThat(result.costUsd()).isEqualByComparingTo("0.0191");
    assertThat(records()).singleElement().satisfies(r -> {
      assertThat(r.costUsd()).isEqualByComparingTo("0.0191");
      assertThat(r.price()).isEqualTo(new Pricing(new BigDecimal("2"), new BigDecimal("8"), new BigDecimal("0.5"),
          new BigDecimal("0.0001")));
    });
    assertThat(month(ANN).sameAs(new QuotaAmount(1, 11_000, new BigDecimal("0.0191")))).isTrue();
    assertThat(month(ENG).sameAs(new QuotaAmount(1, 11_000, new BigDecimal("0.0191")))).isTrue();
  }

  @Test
  void settlementReplacesTheReservationWithWhatTheCallUsed() {
    policies.set(ANN, QuotaLimits.builder().tokensPerMonth(1_000_000L).rpm(10L).build());
    fake.reply = reply(Usage.of(7, 3));

    modelgate.gateway().chat(hi(95));

    assertThat(month(ANN).sameAs(new QuotaAmount(1, 10, new BigDecimal("0.0001")))).isTrue();
    assertThat(ledger.read(new QuotaCounterKey(ANN, QuotaWindow.MINUTE, "2026-11-23T10:00")).tokens()).isEqualTo(10);
    assertThat(ledger.read(new QuotaCounterKey(ANN, QuotaWindow.DAY, "2026-11-23")).requests()).isEqualTo(1);
  }

  @Test
  void aLimitedCounterIsSettledAtOnceInWhatItsLimitBoundsAndWithTheRecordInTheRest() {
    // A usage log that keeps what comes with each record instead of applying it: what the call settled at once shows
    // in the ledger, the rest in the log.
    List<QuotaAdjustment> withRecords = new ArrayList<>();
    UsageLog keeping = new UsageLog() {
      @Override
      public void record(UsageRecord record, List<QuotaAdjustment> settlements) {
        withRecords.addAll(settlements);
      }

      @Override
      public List<UsageRecord> find(UsageQuery query) {
        return List.of();
      }

      @Override
      public List<UsageTotal> totals(UsageQuery query, UsageGroupBy groupBy) {
        return List.of();
      }
    };
    modelgate = Modelgate.builder().driver(fake).clock(clock).usageLog(keeping).quotaLedger(ledger)
        .quotaPolicyStore(policies).tokenCounter(counter).instance(FakeProvider.instance("acme")).build();
    price(new Pricing(new BigDecimal("10"), new BigDecimal("10"), null, null));
    policies.set(ANN, QuotaLimits.builder().requestsPerDay(10L).tokensPerMonth(1_000_000L).build());
    fake.reply = reply(Usage.of(7, 3));

    modelgate.gateway().chat(hi(95));

    QuotaCounterKey day = new QuotaCounterKey(ANN, QuotaWindow.DAY, "2026-11-23");
    QuotaCounterKey month = new QuotaCounterKey(ANN, QuotaWindow.MONTH, "2026-11");
    assertThat(ledger.read(month).sameAs(new QuotaAmount(1, 10, new BigDecimal("0.0001"))))
        .as("tokens per month: settled at once").isTrue();
    assertThat(ledger.read(day).sameAs(new QuotaAmount(1, 100, new BigDecimal("0.001"))))
        .as("requests per day: the worst case until the record commits").isTrue();
    assertThat(withRecords).filteredOn(a -> a.key().equals(day)).singleElement()
        .satisfies(a -> assertThat(a.delta().sameAs(new QuotaAmount(0, -90, new BigDecimal("-0.0009")))).isTrue());
    assertThat(withRecords).noneMatch(a -> a.key().equals(month));
  }

  @Test
  void severalChoicesReserveTheirOutputEachSoTheyAreNotCut() {
    List<ChatEvent> events = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      events.add(new ChatEvent.TextDelta(i % 2, "w" + i + " "));
    }
    events.add(new ChatEvent.Completed(FinishReason.STOP, Usage.of(5, 6)));
    fake.reply = events;
    ChatRequest twoChoices = hi(3).newBuilder().sampling(new SamplingOptions(null, null, 3, List.of(), null, null,
        null, 2, null, null)).build();
    GatewayChat call = modelgate.gateway().stream(twoChoices);
    ChatEvent last;
    do {
      last = call.stream().next();
    } while (!last.terminal());
    assertThat(last).isInstanceOf(ChatEvent.Completed.class);
  }

  @Test
  void aStreamThatPassesItsReservationEndsWithFailedAndClosesTheProvidersStream() {
    List<ChatEvent> events = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      events.add(new ChatEvent.TextDelta("word" + i + " "));
    }
    events.add(new ChatEvent.Completed(FinishReason.STOP, Usage.of(5, 10)));
    fake.reply = events;

    GatewayChat call = modelgate.gateway().stream(hi(3));
    List<ChatEvent> seen = new ArrayList<>();
    for (ChatEvent e = call.stream().next(); ; e = call.stream().next()) {
      seen.add(e);
      if (e.terminal()) {
        break;
      }
    }

    assertThat(seen).hasSize(4);
    assertThat(seen.subList(0, 3)).allMatch(e -> e instanceof ChatEvent.TextDelta);
    assertThat(seen.getLast()).isInstanceOfSatisfying(ChatEvent.Failed.class, f -> {
      assertThat(f.error()).isInstanceOf(QuotaExceededException.class);
      assertThat(((QuotaExceededException) f.error()).limit()).isEqualTo("max_tokens");
    });
    assertThat(fake.streamsClosed).hasValue(1);
    assertThat(records()).singleElement().satisfies(r -> {
      assertThat(r.outcome()).isEqualTo(UsageOutcome.ERROR);
      assertThat(r.errorClass()).isEqualTo("quota_exceeded");
      assertThat(r.usage()).isEqualTo(Usage.of(5, 4));
    });
    assertThat(month(ANN).sameAs(new QuotaAmount(1, 9, new BigDecimal("0.00009")))).isTrue();
    call.close();
    assertThat(records()).hasSize(1);
  }

  @Test
  void aProviderFailureAtCallStartReleasesTheWholeReservation() {
    policies.set(ANN, QuotaLimits.builder().requestsPerDay(1L).rpm(1L).usdPerMonth("1").build());
    fake.failOnChat = new UpstreamUnavailableException("acme is down", 503, null, null);

    assertThatThrownBy(() -> modelgate.gateway().stream(hi(95))).isInstanceOf(UpstreamUnavailableException.class);

    assertThat(month(ANN).sameAs(QuotaAmount.ZERO)).isTrue();
    assertThat(month(ENG).sameAs(QuotaAmount.ZERO)).isTrue();
    assertThat(ledger.read(new QuotaCounterKey(ANN, QuotaWindow.DAY, "2026-11-23")).sameAs(QuotaAmount.ZERO))
        .isTrue();
    assertThat(records()).isEmpty();
    fake.failOnChat = null;
    fake.reply = reply(Usage.of(5, 5));
    assertThat(modelgate.gateway().chat(hi(95)).value().text()).isEqualTo("ok");
  }

  @Test
  void theRpmWindowResetsAtTheNextMinute() {
    policies.set(ANN, QuotaLimits.builder().rpm(2L).build());
    fake.reply = reply(Usage.of(5, 5));
    modelgate.gateway().chat(hi(95));
    modelgate.gateway().chat(hi(95));

    assertThatThrownBy(() -> modelgate.gateway().chat(hi(95)))
        .isInstanceOfSatisfying(QuotaExceededException.class, e -> {
          assertThat(e.limit()).isEqualTo("rpm");
          assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(30));
        });

    clock.advance(Duration.ofSeconds(30));
    modelgate.gateway().chat(hi(95));
    assertThat(fake.chatModels).hasSize(3);
  }

  @Test
  void aRefusalByTheOrgGivesBackWhatWasReservedForTheUser() {
    policies.set(ANN, QuotaLimits.builder().requestsPerDay(10L).build());
    policies.set(ENG, QuotaLimits.builder().tpm(50L).build());
    fake.reply = reply(Usage.of(5, 5));

    assertThatThrownBy(() -> modelgate.gateway().chat(hi(95)))
        .isInstanceOfSatisfying(QuotaExceededException.class, e -> {
          assertThat(e.limit()).isEqualTo("tpm");
          assertThat(e.getMessage()).contains("org 'eng'").contains("up to 100 tokens");
        });

    assertThat(ledger.read(new QuotaCounterKey(ANN, QuotaWindow.DAY, "2026-11-23")).sameAs(QuotaAmount.ZERO))
        .isTrue();
    assertThat(month(ANN).sameAs(QuotaAmount.ZERO)).isTrue();
    assertThat(fake.chatModels).isEmpty();
  }

  @Test
  void limitsOfTheGatewayKeyApplyToo() {
    policies.set(new QuotaSubject(QuotaSubject.Kind.KEY, "mg_ab12"), QuotaLimits.builder().requestsPerMonth(1L)
        .build());
    fake.reply = reply(Usage.of(5, 5));
    ChatRequest withKey = hi(95).newBuilder().caller(new CallerContext("ann", null, "mg_ab12", null, false))
        .build();

    modelgate.gateway().chat(withKey);
    assertThatThrownBy(() -> modelgate.gateway().chat(withKey))
        .isInstanceOfSatisfying(QuotaExceededException.class,
            e -> assertThat(e.limit()).isEqualTo("requests_per_month"));
    modelgate.gateway().chat(hi(95));
  }

  @Test
  void statusShowsEveryLimitWithWhatIsLeftAndWhenItResets() {
    policies.set(ANN, QuotaLimits.builder().requestsPerDay(10L).usdPerMonth("1").build());
    policies.set(ENG, QuotaLimits.builder().requestsPerDay(4L).rpm(60L).build());
    fake.reply = reply(Usage.of(5, 45));
    modelgate.gateway().chat(hi(95));

    QuotaStatus status = modelgate.gateway().quotaStatus(CALLER);

    assertThat(status.entries()).extracting(e -> e.subject().kind() + " " + e.meter().wireName() + " "
            + e.limit().toPlainString() + " " + e.used().toPlainString() + " " + e.remaining().toPlainString())
        .containsExactly("USER requests_per_day 10 1 9", "USER usd_per_month 1 0.0005 0.9995",
            "ORG rpm 60 1 59", "ORG requests_per_day 4 1 3");
    assertThat(status.tightest(QuotaMeter.REQUESTS_PER_DAY)).get().satisfies(e -> {
      assertThat(e.subject()).isEqualTo(ENG);
      assertThat(e.resetsAt()).isEqualTo(Instant.parse("2026-11-24T00:00:00Z"));
    });
    assertThat(status.tightest(QuotaMeter.RPM).orElseThrow().resetsAt())
        .isEqualTo(Instant.parse("2026-11-23T10:01:00Z"));
    assertThat(modelgate.gateway().quotaStatus(CallerContext.ANONYMOUS).isEmpty()).isTrue();
  }

  @Test
  void aCallerWithoutUserOrgOrKeyIsNotCounted() {
    fake.reply = reply(Usage.of(5, 5));
    modelgate.gateway().chat(ChatRequest.of("acme:m", "hi"));
    assertThat(records()).hasSize(1);
    assertThat(month(ANN).sameAs(QuotaAmount.ZERO)).isTrue();
  }

  @Test
  void aCallerWithoutLimitsIsServedWithoutCountingItsPrompt() {
    fake.reply = reply(Usage.of(5, 45));

    modelgate.gateway().chat(hi(95));

    assertThat(counted).isEmpty();
    assertThat(records()).singleElement().satisfies(r -> assertThat(r.usage()).isEqualTo(Usage.of(5, 45)));
    assertThat(month(ANN).sameAs(new QuotaAmount(1, 50, new BigDecimal("0.0005")))).isTrue();
  }

  @Test
  void aLimitCountsThePromptOnceToReserveItsWorstCase() {
    policies.set(ANN, QuotaLimits.builder().tokensPerMonth(1_000_000L).usdPerMonth("1").build());
    fake.reply = reply(Usage.of(5, 45));

    modelgate.gateway().chat(hi(95));

    assertThat(counted).containsExactly("hi");
    assertThat(month(ANN).sameAs(new QuotaAmount(1, 50, new BigDecimal("0.0005")))).isTrue();
  }

  @Test
  void aStreamCancelledBeforeTheProviderCountedItsPromptBillsTheCount() {
    fake.reply = List.of(new ChatEvent.TextDelta("a"), new ChatEvent.TextDelta("b"),
        new ChatEvent.Completed(FinishReason.STOP, Usage.of(5, 2)));

    GatewayChat call = modelgate.gateway().stream(hi(95));
    call.stream().next();
    assertThat(counted).isEmpty();
    call.close();

    assertThat(counted).containsExactly("hi");
    assertThat(records()).singleElement().satisfies(r -> {
      assertThat(r.outcome()).isEqualTo(UsageOutcome.CANCELLED);
      assertThat(r.usage()).isEqualTo(Usage.of(5, 1));
    });
  }
}

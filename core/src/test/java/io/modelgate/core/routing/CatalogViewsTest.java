package io.modelgate.core.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelgate.core.MutableClock;
import io.modelgate.core.account.AccountRole;
import io.modelgate.core.account.AccountService;
import io.modelgate.core.account.OrgAccessPolicy;
import io.modelgate.core.catalog.ProviderState;
import io.modelgate.core.catalog.ProviderStates;
import io.modelgate.core.memory.InMemoryAccountStore;
import io.modelgate.core.memory.InMemoryAuditLog;
import io.modelgate.core.memory.InMemoryProviderRegistry;
import io.modelgate.core.model.CallerContext;
import io.modelgate.core.model.HealthState;
import io.modelgate.core.model.ModelId;
import io.modelgate.core.model.ProviderInstance;
import io.modelgate.core.model.ProviderKind;
import io.modelgate.core.model.Visibility;
import io.modelgate.core.port.AdminStateVersion;
import io.modelgate.core.port.ProviderEvents;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class CatalogViewsTest {
  private final MutableClock clock = new MutableClock();
  private final AtomicLong version = new AtomicLong(1);
  private final InMemoryProviderRegistry registry = new InMemoryProviderRegistry();
  private final InMemoryAccountStore accounts = new InMemoryAccountStore();
  private final AccountService accountService = new AccountService(accounts, new InMemoryAuditLog(), clock);
  private final ProviderStates states = new ProviderStates(registry, ProviderEvents.NONE, clock);
  private final CircuitBreakers breakers = new CircuitBreakers(FailoverSettings.DEFAULTS.newBuilder()
      .breakerFailures(1).breakerCooldown(Duration.ofMinutes(1)).build(), states, clock, ProviderEvents.NONE);
  private final CatalogViews views = new CatalogViews(() -> OptionalLong.of(version.get()), registry,
      new OrgAccessPolicy(accounts), states, breakers);

  CatalogViewsTest() {
    registry.save(ProviderInstance.builder("acme", ProviderKind.OPENAI_COMPATIBLE).build());
    registry.save(ProviderInstance.builder("mac", ProviderKind.OLLAMA).owner("bob").visibility(Visibility.PRIVATE)
        .build());
  }

  private CatalogView of(CallerContext caller) {
    return views.of(caller).orElseThrow();
  }

  @Test
  void membersJudgedAlikeShareAViewWhoeverTheyAre() {
    CallerContext ann = new CallerContext("ann", null, "mg_aaaaaaaa", "conv-1", false);
    CallerContext cid = new CallerContext("cid", null, "mg_cccccccc", null, false);
    assertThat(of(ann)).isEqualTo(of(cid));
    String open = accountService.createOrg("admin", "Open").id();
    assertThat(of(CallerContext.user("dee", open))).as("an org that restricts nothing").isEqualTo(of(ann));
  }

  @Test
  void theOwnerOfAPrivateProviderAnOrgThatRestrictsAndAnAdminEachHaveTheirOwn() {
    String restricting = accountService.createOrg("admin", "Closed").id();
    accountService.setAllowedModels("admin", restricting, List.of("acme:*"));
    String other = accountService.createOrg("admin", "Other").id();
    accountService.setAllowedModels("admin", other, List.of("acme:a"));
    CatalogView member = of(CallerContext.user("ann", null));
    CatalogView owner = of(CallerContext.user("bob", null));
    CatalogView inOrg = of(CallerContext.user("eve", restricting));
    CatalogView inOther = of(CallerContext.user("fay", other));
    CatalogView admin = of(new CallerContext("root", null, null, null, true));

    assertThat(List.of(member, owner, inOrg, inOther, admin).stream().map(CatalogView::audience).distinct())
        .hasSize(5);
    assertThat(owner.privateProviders()).containsExactly("mac");
    assertThat(member.privateProviders()).isEmpty();
  }

  @Test
  void anOrgsNewRestrictionMakesANewView() {
    String org = accountService.createOrg("admin", "Team").id();
    CallerContext eve = CallerContext.user("eve", org);
    CatalogView before = of(eve);
    accountService.setAllowedModels("admin", org, List.of("acme:a"));
    assertThat(of(eve)).isNotEqualTo(before);
  }

  @Test
  void aViewNamesTheStateItWasTakenOn() {
    CallerContext ann = CallerContext.user("ann", null);
    CatalogView first = of(ann);
    assertThat(of(ann)).isEqualTo(first);

    version.incrementAndGet();
    CatalogView afterAdminChange = of(ann);
    assertThat(afterAdminChange.state()).isNotEqualTo(first.state());
    assertThat(afterAdminChange.audience()).isEqualTo(first.audience());

    states.record(new ProviderState("acme", HealthState.DOWN, clock.instant(), null, "refused"));
    CatalogView afterDown = of(ann);
    assertThat(afterDown.state()).isNotEqualTo(afterAdminChange.state());
    states.record(new ProviderState("acme", HealthState.DOWN, clock.instant(), null, "refused"));
    assertThat(of(ann)).as("the same state recorded again is no change").isEqualTo(afterDown);

    ModelId a = ModelId.parse("acme:a");
    breakers.failed(a, "timeout", false);
    CatalogView open = of(ann);
    assertThat(open.unavailable()).containsExactly("target:acme:a");
    clock.advance(Duration.ofMinutes(2));
    assertThat(of(ann).unavailable()).as("past its cooldown the circuit lets a trial through").isEmpty();
  }

  @Test
  void nothingIsViewedWhenTheStateIsReadFromItsStoresEachTime() {
    CatalogViews unversioned = new CatalogViews(AdminStateVersion.NONE, registry, AccessPolicy.ALLOW_ALL, states,
        breakers);
    assertThat(unversioned.of(CallerContext.user("ann", null))).isEmpty();
  }
}

package io.modelgate.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelgate.core.Modelgate;
import io.modelgate.core.MutableClock;
import io.modelgate.core.demo.DemoDriver;
import io.modelgate.core.model.ProviderInstance;
import io.modelgate.core.port.ProviderEvents;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Each listing discovery does is told, with how long it took and whether it came from the cache. */
class DiscoveryEventsTest {
  @Test
  void listingsAreToldWithWhetherTheyCameFromTheCache() {
    MutableClock clock = new MutableClock();
    List<ProviderReport> told = new CopyOnWriteArrayList<>();
    Modelgate gate = Modelgate.builder().driver(new DemoDriver()).instance(DemoDriver.instance()).clock(clock)
        .catalogOptions(new CatalogOptions(Duration.ofHours(1)))
        .providerEvents(new ProviderEvents() {
          @Override
          public void discovered(ProviderReport report) {
            told.add(report);
          }
        }).build();
    CatalogDiscovery discovery = gate.discovery();
    told.clear();

    discovery.discover(new DiscoveryRequest(null, null, true));
    clock.advance(ProviderInstance.DEFAULT_DISCOVERY_INTERVAL.plusSeconds(1));
    discovery.discover(new DiscoveryRequest(null, null, false));

    assertThat(told).extracting(ProviderReport::provider).containsOnly("demo");
    assertThat(told).extracting(ProviderReport::cacheHit).as("forced: listed; after the interval, within the "
        + "cache's hour: from the cache").containsExactly(false, true);
    assertThat(told).allSatisfy(r -> assertThat(r.ok()).isTrue());
  }
}

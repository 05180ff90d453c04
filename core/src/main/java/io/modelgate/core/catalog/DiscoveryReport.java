package io.modelgate.core.catalog;

import java.util.List;

/** The outcome of one discovery run, one report per provider instance. */
public record DiscoveryReport(List<ProviderReport> providers) {
  public DiscoveryReport {
    providers = List.copyOf(providers);
  }

  public int added() {
    return providers.stream().mapToInt(ProviderReport::added).sum();
  }

  public int deprecated() {
    return providers.stream().mapToInt(ProviderReport::deprecated).sum();
  }

  public boolean ok() {
    return providers.stream().allMatch(ProviderReport::ok);
  }
}

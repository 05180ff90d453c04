package io.modelgate.core.memory;

import io.modelgate.core.model.CatalogEntry;
import io.modelgate.core.model.CatalogKey;
import io.modelgate.core.model.ModelCategory;
import io.modelgate.core.model.ModelId;
import io.modelgate.core.port.CatalogStore;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.jspecify.annotations.Nullable;

/** A {@link CatalogStore} in a map: nothing survives the process. */
public final class InMemoryCatalogStore implements CatalogStore {
  private final ConcurrentMap<CatalogKey, CatalogEntry> entries = new ConcurrentHashMap<>();

  @Override
  public Optional<CatalogEntry> find(CatalogKey key) {
    return Optional.ofNullable(entries.get(Objects.requireNonNull(key, "'key' must not be null")));
  }

  @Override
  public List<CatalogEntry> findById(ModelId id) {
    return entries.values().stream().filter(e -> e.id().equals(id))
        .sorted(Comparator.comparing(CatalogEntry::category)).toList();
  }

  @Override
  public List<CatalogEntry> list(@Nullable String instance, @Nullable ModelCategory category) {
    return entries.values().stream()
        .filter(e -> instance == null || e.id().instance().equals(instance))
        .filter(e -> category == null || e.category() == category)
        .sorted(Comparator.comparing(CatalogEntry::id).thenComparing(CatalogEntry::category))
        .toList();
  }

  @Override
  public CatalogEntry upsertDiscovered(CatalogEntry entry) {
    Objects.requireNonNull(entry, "'entry' must not be null");
    return entries.merge(entry.key(), entry,
        (existing, fresh) -> existing.refreshedFrom(fresh, fresh.lastSeenAt() != null
            ? fresh.lastSeenAt() : fresh.discoveredAt()));
  }

  @Override
  public void save(CatalogEntry entry) {
    entries.put(Objects.requireNonNull(entry, "'entry' must not be null").key(), entry);
  }

  @Override
  public boolean delete(CatalogKey key) {
    return entries.remove(key) != null;
  }
}

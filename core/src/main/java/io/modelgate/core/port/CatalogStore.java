package io.modelgate.core.port;

import io.modelgate.core.model.CatalogEntry;
import io.modelgate.core.model.CatalogKey;
import io.modelgate.core.model.ModelCategory;
import io.modelgate.core.model.ModelId;
import java.util.List;
import java.util.Optional;

/** Stores catalog entries, one per model id and category. Thread-safe. */
public interface CatalogStore {
  Optional<CatalogEntry> find(CatalogKey key);

  /** Every entry with this id, whatever its category (usually one). */
  List<CatalogEntry> findById(ModelId id);

  /** Entries of one instance, optionally of one category; all instances when {@code instance} is null. */
  List<CatalogEntry> list(@org.jspecify.annotations.Nullable String instance,
      @org.jspecify.annotations.Nullable ModelCategory category);

  /**
   * Inserts a discovered entry, or refreshes the provider-owned fields of an existing one (see
   * {@link CatalogEntry#refreshedFrom}) without touching its status, notes or successor. Returns the stored entry.
   */
  CatalogEntry upsertDiscovered(CatalogEntry entry);

  /** Writes the whole entry, as an admin change does. */
  void save(CatalogEntry entry);

  boolean delete(CatalogKey key);
}

package io.modelgate.core.catalog;

import io.modelgate.core.model.ModelId;
import java.util.List;
import java.util.Map;

/** The outcome of a bulk change: which ids changed, and why each of the others did not. */
public record BulkResult(List<ModelId> updated, Map<ModelId, String> failed) {
  public BulkResult {
    updated = List.copyOf(updated);
    failed = Map.copyOf(failed);
  }
}

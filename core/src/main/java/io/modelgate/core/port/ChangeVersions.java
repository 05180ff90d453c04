package io.modelgate.core.port;

import java.util.Map;

/**
 * A version per part of the shared admin state (keys, catalog, defaults, ...), raised after each change to that part
 * commits. Replicas that keep the admin state in memory read the versions now and then and reload a part whose
 * version moved. Thread-safe.
 */
public interface ChangeVersions {
  /** Raises the version of {@code part}, after a change to it has committed. */
  void raise(String part);

  /** Every part's version now; a part never raised is absent. */
  Map<String, Long> read();
}

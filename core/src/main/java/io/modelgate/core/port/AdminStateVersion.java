package io.modelgate.core.port;

import java.util.OptionalLong;

/**
 * How far this replica's copy of the admin state (catalog, providers, accounts, settings, ...) has moved, so that
 * what is worked out from that state can be kept until it moves. Thread-safe.
 */
public interface AdminStateVersion {
  /**
   * A number that changes whenever any part of the admin state this replica answers from may have changed, here or
   * (once this replica has seen it) on another; read it before the state it stands for. Empty while reads go to the
   * stores each time: nothing may then be kept on its strength.
   */
  OptionalLong current();

  /** For stores read afresh on every call, which hold no copy to version. */
  AdminStateVersion NONE = OptionalLong::empty;
}

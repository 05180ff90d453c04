package io.modelgate.core.gateway;

import io.modelgate.core.chat.Usage;
import io.modelgate.core.model.CallerContext;
import io.modelgate.core.model.CatalogEntry;
import io.modelgate.core.quota.QuotaAdjustment;
import io.modelgate.core.quota.QuotaStatus;
import java.math.BigDecimal;
import java.util.List;

/**
 * Reserves a call's worst case against the caller's limits before it goes upstream, and settles the actual usage
 * after. Throws {@link io.modelgate.core.error.QuotaExceededException} when a limit would be passed. Thread-safe.
 */
public interface QuotaGuard {
  /** Reserves room for a call to {@code model} that may use up to {@code maxTokens} tokens costing {@code maxUsd}. */
  Ticket reserve(CallerContext caller, CatalogEntry model, long maxTokens, BigDecimal maxUsd);

  /**
   * {@link #reserve(CallerContext, CatalogEntry, long, BigDecimal)} with the worst case asked for only when a limit
   * needs it: a caller without limits costs no count of the prompt's tokens. By default asked for at once.
   */
  default Ticket reserve(CallerContext caller, CatalogEntry model, WorstCase worst) {
    return reserve(caller, model, worst.maxTokens(), worst.maxUsd());
  }

  /** The most a call may use, worked out when asked for. */
  interface WorstCase {
    long maxTokens();

    BigDecimal maxUsd();
  }

  /** The caller's limits as they stand now: used, remaining and reset time of each; none by default. */
  default QuotaStatus status(CallerContext caller) {
    return QuotaStatus.NONE;
  }

  /** A reservation: settle it with what the call really used, or release it when the call never happened. */
  interface Ticket {
    /**
     * Turns the reservation into the actual usage: counters that hold a reservation are settled at once; the
     * returned changes (of counters without a limit) are applied with the usage record.
     */
    List<QuotaAdjustment> settle(Usage actual, BigDecimal costUsd);

    /** Gives back the whole reservation. */
    void release();
  }

  Ticket NO_TICKET = new Ticket() {
    @Override
    public List<QuotaAdjustment> settle(Usage actual, BigDecimal costUsd) {
      return List.of();
    }

    @Override
    public void release() {}
  };

  /** No limits at all. */
  QuotaGuard UNLIMITED = (caller, model, maxTokens, maxUsd) -> NO_TICKET;
}

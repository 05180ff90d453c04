package io.modelgate.core.routing;

/**
 * One step routing took: {@code alias}, {@code skipped}, {@code migration}, {@code provider-default},
 * {@code global-default}, {@code conversation}, ... with what it saw.
 */
public record RouteStep(String kind, String detail) {
  @Override
  public String toString() {
    return kind + ": " + detail;
  }
}

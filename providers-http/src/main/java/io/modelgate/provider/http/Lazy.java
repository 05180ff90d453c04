package io.modelgate.provider.http;

import java.util.Objects;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * A value made on its first use, then kept: what a driver needs only once it connects an instance, such as its
 * shared HTTP client (whose TLS set-up reads the platform's trust store) or its curated model list, so that a
 * service starts without them and a driver no instance uses never makes them. Thread-safe; made at most once.
 */
public final class Lazy<T> implements Supplier<T> {
  private final Supplier<? extends T> make;
  private volatile @Nullable T value;

  public Lazy(Supplier<? extends T> make) {
    this.make = Objects.requireNonNull(make, "'make' must not be null");
  }

  /** A value already made (a client handed in from outside). */
  public static <T> Lazy<T> of(T value) {
    Objects.requireNonNull(value, "'value' must not be null");
    return new Lazy<>(() -> value);
  }

  @Override
  public T get() {
    T made = value;
    if (made == null) {
      synchronized (this) {
        made = value;
        if (made == null) {
          made = Objects.requireNonNull(make.get(), "a lazy value was made null");
          value = made;
        }
      }
    }
    return made;
  }
}

package io.modelgate.adapter.http;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.modelgate.core.model.CallerContext;
import io.modelgate.core.routing.CatalogView;
import io.modelgate.core.routing.CatalogViews;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The model lists (10,000 models are megabytes of JSON) encoded and tagged once per state and kept: by the endpoint
 * and its parameters and by whom core says the caller is shown ({@link CatalogView#audience()}), holding the answer
 * of the latest state ({@link CatalogView#state()}) only, so a change anywhere (here, or seen from another replica)
 * makes the next request work the list out again and what it outdated is dropped, not kept beside it. Callers core
 * judges differently never share an answer. Bounded by bytes; an answer also ages out after {@link #MAX_AGE}, for
 * what no state version covers (a speech model's voices, as its provider lists them). Thread-safe.
 */
@Singleton
final class PreparedAnswers {
  /** The bytes kept at most, over every endpoint and view. */
  static final long MAX_BYTES = 48L << 20;
  /** How long an answer is given before it is worked out again, however still its state. */
  static final Duration MAX_AGE = Duration.ofMinutes(1);

  /** An answer and the state it was worked out on. */
  private record Prepared(List<Object> state, JsonCodec.Tagged answer) {}

  private final CatalogViews views;
  private final Cache<List<Object>, Prepared> answers = Caffeine.newBuilder()
      .maximumWeight(MAX_BYTES).weigher((List<Object> slot, Prepared p) -> p.answer().bytes().length)
      .expireAfterWrite(MAX_AGE).build();

  @Inject
  PreparedAnswers(CatalogViews views) {
    this.views = views;
  }

  /**
   * The answer of {@code endpoint} with {@code parameters} (what else the answer depends on: query parameters, and
   * what of the caller it shows beyond core's view of them) for {@code caller}: the one kept for the caller's view
   * on the current state, else {@code body}'s, encoded, tagged and kept. {@code body} must read the state only after
   * this is called. When core says nothing may be kept (the admin state is read from its stores each time) it is
   * encoded afresh.
   */
  JsonCodec.Tagged answer(String endpoint, List<?> parameters, CallerContext caller, Supplier<Object> body,
      JsonCodec json) {
    Optional<CatalogView> view = views.of(caller);
    if (view.isEmpty()) {
      return JsonCodec.tagged(json.write(body.get()));
    }
    List<Object> slot = List.of(endpoint, parameters, view.get().audience());
    List<Object> state = view.get().state();
    // compute, not get-then-put: concurrent callers of one slot wait for one encoding instead of each making one.
    Prepared kept = answers.asMap().compute(slot, (s, old) -> old != null && old.state().equals(state) ? old
        : new Prepared(state, JsonCodec.tagged(json.write(body.get()))));
    return kept.answer();
  }

  /**
   * {@code base} (an object whose {@code field} was left out as null) with {@code field} set to the string
   * {@code value} as its first member: spliced into the bytes, not encoded again, and kept beside {@code base}.
   */
  JsonCodec.Tagged withField(JsonCodec.Tagged base, String field, @Nullable String value, JsonCodec json) {
    if (value == null) {
      return base;
    }
    List<Object> slot = List.of("with", base.tag(), field, value);
    Prepared kept = answers.get(slot, s -> {
      byte[] head = ("{" + new String(json.write(field), java.nio.charset.StandardCharsets.UTF_8) + ":"
          + new String(json.write(value), java.nio.charset.StandardCharsets.UTF_8)
          + (base.bytes().length > 2 ? "," : "")).getBytes(java.nio.charset.StandardCharsets.UTF_8);
      byte[] bytes = new byte[head.length + base.bytes().length - 1];
      System.arraycopy(head, 0, bytes, 0, head.length);
      System.arraycopy(base.bytes(), 1, bytes, head.length, base.bytes().length - 1);
      return new Prepared(List.of(), JsonCodec.tagged(bytes));
    });
    return kept.answer();
  }
}

package io.modelgate.core.routing;

import io.modelgate.core.model.ModelId;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A name an admin gives to an ordered list of model ids ({@code fast}, {@code support-bot}): a request naming it
 * is served by the first usable id, with the alias's default parameters ({@code temperature}, {@code max_tokens})
 * where the request sets none; when it fails the call moves on down the list. {@code strategy} spreads calls over
 * the nodes serving one of its models ({@link BalanceStrategy#DEFAULT} when null).
 */
public record ModelAlias(String name, List<ModelId> models, Map<String, Object> defaults,
    @Nullable BalanceStrategy strategy) {

  public ModelAlias(String name, List<ModelId> models, Map<String, Object> defaults) {
    this(name, models, defaults, null);
  }

  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

  /** The strategy that holds for this alias. */
  public BalanceStrategy balancing() {
    return strategy == null ? BalanceStrategy.DEFAULT : strategy;
  }

  public ModelAlias {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("alias 'name' must be 1-64 characters of a-z, 0-9, '.', '_' and '-', "
          + "starting with a letter or digit, and hold no ':'");
    }
    models = models == null ? List.of() : List.copyOf(models);
    if (models.isEmpty()) {
      throw new IllegalArgumentException("alias '" + name + "' must name at least one model");
    }
    defaults = defaults == null ? Map.of() : Map.copyOf(defaults);
  }
}

package io.modelgate.core.routing;

import io.modelgate.core.model.ModelId;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A name an admin gives to an ordered list of model ids ({@code fast}, {@code support-bot}): a request naming it
 * is served by the first usable id, with the alias's default parameters ({@code temperature}, {@code max_tokens})
 * where the request sets none.
 */
public record ModelAlias(String name, List<ModelId> models, Map<String, Object> defaults) {
  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

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

package io.modelgate.core.routing;

import io.modelgate.core.model.ModelCategory;
import io.modelgate.core.model.ModelId;
import java.util.EnumMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The server defaults from configuration ({@code MODELGATE_DEFAULT_MODEL}), used when the settings store holds no
 * global default for a category.
 */
public record RoutingDefaults(Map<ModelCategory, ModelId> models) {
  public static final RoutingDefaults NONE = new RoutingDefaults(Map.of());

  public RoutingDefaults {
    models = models.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(models));
  }

  public static RoutingDefaults text(@Nullable String modelId) {
    return modelId == null || modelId.isBlank()
        ? NONE : new RoutingDefaults(Map.of(ModelCategory.TEXT, ModelId.parse(modelId.trim())));
  }

  public @Nullable ModelId get(ModelCategory category) {
    return models.get(category);
  }
}

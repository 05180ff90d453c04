package io.modelgate.core.routing;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The aliases configuration names ({@code modelgate.yaml}), which {@link io.modelgate.core.Modelgate#start} saves
 * over any stored alias of the same name; aliases the configuration does not name are left as they are. Names are
 * unique.
 */
public record ConfiguredAliases(List<ModelAlias> aliases) {
  public static final ConfiguredAliases NONE = new ConfiguredAliases(List.of());

  public ConfiguredAliases {
    aliases = List.copyOf(aliases);
    Set<String> names = new HashSet<>();
    for (ModelAlias alias : aliases) {
      if (!names.add(alias.name())) {
        throw new IllegalArgumentException("two configured aliases are named '" + alias.name() + "'");
      }
    }
  }
}

package io.modelgate.core.port;

import io.modelgate.core.model.ModelId;
import io.modelgate.core.routing.ModelAlias;
import java.util.List;
import java.util.Optional;

/** Aliases: names an admin gives to ordered lists of model ids with default parameters. Thread-safe. */
public interface AliasStore {
  Optional<ModelAlias> find(String name);

  List<ModelAlias> list();

  void save(ModelAlias alias);

  boolean delete(String name);

  /** Replaces {@code from} with {@code to} in every alias; returns how many aliases changed. */
  int replaceModel(ModelId from, ModelId to);
}

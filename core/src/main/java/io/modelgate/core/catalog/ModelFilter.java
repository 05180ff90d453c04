package io.modelgate.core.catalog;

import io.modelgate.core.model.Capability;
import io.modelgate.core.model.CatalogEntry;
import io.modelgate.core.model.ModelCategory;
import io.modelgate.core.model.ModelId;
import io.modelgate.core.model.ModelStatus;
import java.util.Locale;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/** Which catalog entries to list; every part optional. {@code text} matches id, name and description. */
public record ModelFilter(
    @Nullable String provider,
    @Nullable ModelCategory category,
    @Nullable ModelStatus status,
    @Nullable Capability capability,
    @Nullable String text) {

  public static final ModelFilter ALL = new ModelFilter(null, null, null, null, null);

  public ModelFilter {
    if (text != null && text.isBlank()) {
      text = null;
    }
  }

  public boolean matches(CatalogEntry e) {
    return matches(e.id(), e.category(), e.status(), e::has, e.displayName(), e.description());
  }

  /** Whether a model with these parts matches: for a listing that carries them rather than a catalog entry. */
  public boolean matches(ModelId id, ModelCategory category, ModelStatus status, Predicate<Capability> has,
      String name, @Nullable String description) {
    return (provider == null || id.instance().equals(provider))
        && (this.category == null || category == this.category)
        && (this.status == null || status == this.status)
        && (capability == null || has.test(capability))
        && (text == null || contains(id.toString()) || contains(name) || contains(description));
  }

  private boolean contains(@Nullable String field) {
    return field != null && text != null
        && field.toLowerCase(Locale.ROOT).contains(text.toLowerCase(Locale.ROOT));
  }
}

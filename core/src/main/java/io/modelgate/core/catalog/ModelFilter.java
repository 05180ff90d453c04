package io.modelgate.core.catalog;

import io.modelgate.core.model.Capability;
import io.modelgate.core.model.CatalogEntry;
import io.modelgate.core.model.ModelCategory;
import io.modelgate.core.model.ModelStatus;
import java.util.Locale;
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
    return (provider == null || e.id().instance().equals(provider))
        && (category == null || e.category() == category)
        && (status == null || e.status() == status)
        && (capability == null || e.has(capability))
        && (text == null || contains(e.id().toString()) || contains(e.displayName()) || contains(e.description()));
  }

  private boolean contains(@Nullable String field) {
    return field != null && text != null
        && field.toLowerCase(Locale.ROOT).contains(text.toLowerCase(Locale.ROOT));
  }
}

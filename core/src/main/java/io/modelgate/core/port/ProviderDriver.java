package io.modelgate.core.port;

import io.modelgate.core.model.ProviderInstance;
import io.modelgate.core.model.ProviderKind;
import io.modelgate.core.model.Secret;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Speaks one protocol family: connects a configured instance (with the key to use, if any) to the capability
 * ports. A provider module's entry point. Thread-safe; connections may be cached by the caller.
 */
public interface ProviderDriver {
  Set<ProviderKind> kinds();

  ProviderConnection connect(ProviderInstance instance, @Nullable Secret apiKey);
}

package io.modelgate.core.port;

import io.modelgate.core.model.ProviderInstance;
import io.modelgate.core.model.ProviderKind;
import io.modelgate.core.model.Secret;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Speaks one protocol family: connects a configured instance (with the key to use, if any) to the capability
 * ports. A provider module's entry point. Thread-safe; connections may be cached by the caller.
 */
public interface ProviderDriver {
  Set<ProviderKind> kinds();

  /**
   * Connects {@code instance}. Options every driver honours: {@link ProviderInstance#READ_TIMEOUT_OPTION}. The key
   * goes in a header, never in a URL or a log line.
   */
  ProviderConnection connect(ProviderInstance instance, @Nullable Secret apiKey);

  /**
   * The shared instances this driver's part of the environment contract configures, such as {@code openai} from
   * {@code OPENAI_API_KEY} and {@code OPENAI_BASE_URL}. Keys are referenced ({@code env:OPENAI_API_KEY}), not
   * copied. Empty when none of its variables is set.
   */
  default List<ProviderInstance> fromEnvironment(Map<String, String> env) {
    return List.of();
  }

  /**
   * The one shared instance a key variable and a base-URL variable configure: none when neither is set; else
   * {@code instance} with the base URL given (or {@code defaultBaseUrl}) and the key referenced as
   * {@code env:<keyVariable>} when that is set.
   */
  static List<ProviderInstance> sharedInstance(Map<String, String> env, ProviderInstance.Builder instance,
      String keyVariable, String baseUrlVariable, String defaultBaseUrl) {
    String key = env.getOrDefault(keyVariable, "").strip();
    String base = env.getOrDefault(baseUrlVariable, "").strip();
    if (key.isEmpty() && base.isEmpty()) {
      return List.of();
    }
    return List.of(instance.baseUrl(base.isEmpty() ? defaultBaseUrl : base)
        .credentialRef(key.isEmpty() ? null : ProviderInstance.envCredential(keyVariable)).build());
  }
}

package io.modelgate.provider.ollama;

import io.modelgate.core.model.CredentialRef;
import io.modelgate.core.model.ModelId;
import io.modelgate.core.model.ProviderInstance;
import io.modelgate.core.model.ProviderKind;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import okhttp3.HttpUrl;
import org.jspecify.annotations.Nullable;

/**
 * The Ollama part of the environment contract. {@code OLLAMA_URL} lists nodes, comma-separated, each a URL or
 * {@code name=url}: {@code OLLAMA_URL=ollama-mac=http://10.0.0.5:11434,http://10.0.0.6:11434} gives
 * {@code ollama-mac} and {@code ollama}. A name is the instance id as given; nodes without one are {@code ollama},
 * {@code ollama-2}, {@code ollama-3}… in order. {@code OLLAMA_API_KEY}, when set, is the key of every node (for
 * nodes behind a proxy).
 */
final class OllamaEnvironment {
  static final String URL_VARIABLE = "OLLAMA_URL";
  static final String KEY_VARIABLE = "OLLAMA_API_KEY";
  private static final String DEFAULT_NAME = "ollama";

  private OllamaEnvironment() {}

  static List<ProviderInstance> instances(Map<String, String> env) {
    String value = env.get(URL_VARIABLE);
    if (value == null || value.isBlank()) {
      return List.of();
    }
    String key = env.get(KEY_VARIABLE);
    CredentialRef credentialRef = key == null || key.isBlank() ? null : ProviderInstance.envCredential(KEY_VARIABLE);
    List<ProviderInstance> instances = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    int unnamed = 0;
    for (String raw : value.split(",")) {
      String entry = raw.strip();
      if (entry.isEmpty()) {
        continue;
      }
      String name = null;
      String url = entry;
      int equals = entry.indexOf('=');
      if (equals >= 0 && !entry.substring(0, equals).contains("://")) {
        name = entry.substring(0, equals).strip();
        url = entry.substring(equals + 1).strip();
        try {
          ModelId.checkInstanceId(name);
        } catch (IllegalArgumentException e) {
          throw bad(entry, "the name: " + e.getMessage());
        }
      }
      String id = name != null ? name : (++unnamed == 1 ? DEFAULT_NAME : DEFAULT_NAME + "-" + unnamed);
      if (!ids.add(id)) {
        throw bad(entry, "instance '" + id + "' is named twice");
      }
      instances.add(ProviderInstance.builder(id, ProviderKind.OLLAMA)
          .displayName(displayName(id))
          .baseUrl(baseUrl(entry, url))
          .credentialRef(credentialRef)
          .build());
    }
    return List.copyOf(instances);
  }

  /** {@code http://host:11434} from a URL or a bare {@code host[:port]}, without a trailing slash. */
  private static String baseUrl(String entry, String url) {
    if (url.isEmpty()) {
      throw bad(entry, "the URL is missing");
    }
    String withScheme = url.contains("://") ? url : "http://" + url;
    HttpUrl parsed = HttpUrl.parse(withScheme);
    if (parsed == null) {
      throw bad(entry, "'" + url + "' is not an http(s) URL");
    }
    String text = parsed.toString();
    return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
  }

  /** {@code ollama-mac} → {@code Ollama (mac)}; {@code ollama-2} → {@code Ollama 2}; {@code studio} → {@code Ollama (studio)}. */
  static String displayName(String id) {
    if (id.equals(DEFAULT_NAME)) {
      return "Ollama";
    }
    String rest = id.startsWith(DEFAULT_NAME + "-") ? id.substring(DEFAULT_NAME.length() + 1) : id;
    if (rest.chars().allMatch(Character::isDigit)) {
      return "Ollama " + rest;
    }
    return "Ollama (" + rest.replace('-', ' ') + ")";
  }

  private static IllegalArgumentException bad(String entry, @Nullable String why) {
    return new IllegalArgumentException(URL_VARIABLE + " entry '" + entry + "' is not valid: " + why
        + "; expected '<url>' or '<name>=<url>', e.g. 'ollama-mac=http://10.0.0.5:11434'");
  }
}

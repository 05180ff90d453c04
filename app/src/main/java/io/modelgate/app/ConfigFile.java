package io.modelgate.app;

import io.modelgate.core.model.ApprovalPolicy;
import io.modelgate.core.model.ModelCategory;
import io.modelgate.core.model.ModelId;
import io.modelgate.core.model.ProviderInstance;
import io.modelgate.core.model.ProviderKind;
import io.modelgate.core.model.Visibility;
import io.modelgate.core.routing.BalanceStrategy;
import io.modelgate.core.routing.ModelAlias;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * The optional {@code modelgate.yaml}: several provider instances and nodes, and the default model; part of the
 * {@link Configuration}, which finds it.
 * Keys are never written in it: an instance names the environment variable that holds its key
 * ({@code api_key_env}), or its key is stored in the vault with {@code modelgate providers add}.
 *
 * <pre>
 * default_model: ollama-mac:llama3.1:8b
 * providers:
 *   - id: ollama-mac
 *     kind: ollama
 *     name: Mac Studio
 *     base_url: http://10.0.0.5:11434
 *     approval: auto-enable        # or manual (the default)
 *     visibility: public           # or private, with owner: usr_…
 *     discovery_interval: 10m      # 30s, 5m, 1h or an ISO-8601 duration
 *     defaults: { text: llama3.1:8b }
 *     options: { read-timeout-ms: 60000 }
 *   - id: vllm
 *     kind: openai-compatible
 *     base_url: http://gpu-box:8000/v1
 *     api_key_env: VLLM_KEY
 * aliases:
 *   fast:
 *     models: [ollama-mac:llama3.1:8b, vllm:llama3.1:8b]
 *     strategy: round-robin        # least-busy (default), latency, weighted or ordered
 *     defaults: { temperature: 0.2 }
 * </pre>
 */
public record ConfigFile(@Nullable Path source, @Nullable ModelId defaultModel, List<ProviderInstance> providers,
    List<ModelAlias> aliases) {
  public static final String FILE_NAME = "modelgate.yaml";
  public static final ConfigFile NONE = new ConfigFile(null, null, List.of(), List.of());

  public ConfigFile {
    providers = List.copyOf(providers);
    aliases = List.copyOf(aliases);
  }

  /**
   * The file to read: {@code configured} ({@value Configuration#CONFIG}) when given, else {@code ./modelgate.yaml},
   * else {@code modelgate.yaml} in the data directory; empty when there is none.
   */
  static Optional<Path> find(@Nullable String configured, Path dataDirectory) {
    if (configured != null && !configured.isBlank()) {
      Path path = Path.of(configured.strip());
      if (!Files.isRegularFile(path)) {
        throw new IllegalArgumentException(Configuration.CONFIG + " names " + path + ", which is not a file");
      }
      return Optional.of(path);
    }
    Path local = Path.of(FILE_NAME);
    if (Files.isRegularFile(local)) {
      return Optional.of(local);
    }
    Path data = dataDirectory.resolve(FILE_NAME);
    return Files.isRegularFile(data) ? Optional.of(data) : Optional.empty();
  }

  /** Parses {@code path}; every error names the file, the entry and the field. */
  public static ConfigFile read(Path path) {
    Object root;
    try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
      root = new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + path, e);
    } catch (YAMLException e) {
      throw new IllegalArgumentException(path + " is not valid YAML: " + e.getMessage(), e);
    }
    try {
      return parse(path, root);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(path + ": " + e.getMessage(), e);
    }
  }

  static ConfigFile parse(@Nullable Path source, @Nullable Object root) {
    if (root == null) {
      return NONE.withSource(source);
    }
    Map<String, Object> top = map(root, "the top level");
    checkKeys(top, Set.of("default_model", "providers", "aliases"), "the top level");
    ModelId defaultModel = top.get("default_model") == null ? null : ModelId.parse(text(top, "default_model"));
    List<ProviderInstance> providers = new ArrayList<>();
    Object list = top.get("providers");
    if (list != null) {
      if (!(list instanceof List<?> entries)) {
        throw new IllegalArgumentException("'providers' must be a list");
      }
      Set<String> ids = new HashSet<>();
      for (int i = 0; i < entries.size(); i++) {
        String where = "providers[" + i + "]";
        ProviderInstance instance;
        try {
          instance = instance(map(entries.get(i), where));
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
        }
        if (!ids.add(instance.id())) {
          throw new IllegalArgumentException(where + ": a second provider is named '" + instance.id() + "'");
        }
        providers.add(instance);
      }
    }
    List<ModelAlias> aliases = new ArrayList<>();
    if (top.get("aliases") != null) {
      map(top.get("aliases"), "'aliases'").forEach((name, value) -> {
        try {
          aliases.add(alias(name, map(value, "alias '" + name + "'")));
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException("aliases." + name + ": " + e.getMessage(), e);
        }
      });
    }
    return new ConfigFile(source, defaultModel, providers, aliases);
  }

  private ConfigFile withSource(@Nullable Path path) {
    return new ConfigFile(path, defaultModel, providers, aliases);
  }

  /** {@code { models: [id, ...], strategy?, defaults? }}: the same fields as the aliases API. */
  private static ModelAlias alias(String name, Map<String, Object> e) {
    checkKeys(e, Set.of("models", "strategy", "defaults"), "an alias");
    if (!(e.get("models") instanceof List<?> models) || models.isEmpty()) {
      throw new IllegalArgumentException("'models' must list at least one model id");
    }
    List<ModelId> ids = new ArrayList<>();
    for (Object model : models) {
      ids.add(ModelId.parse(String.valueOf(model).strip()));
    }
    String strategy = optional(e, "strategy");
    Map<String, Object> defaults = e.get("defaults") == null ? Map.of()
        : new LinkedHashMap<>(map(e.get("defaults"), "'defaults'"));
    return new ModelAlias(name, ids, defaults, strategy == null ? null : BalanceStrategy.parse(strategy));
  }

  private static ProviderInstance instance(Map<String, Object> e) {
    checkKeys(e, Set.of("id", "kind", "name", "base_url", "api_key_env", "owner", "visibility", "approval",
        "discovery_interval", "defaults", "options", "enabled"), "a provider");
    if (e.containsKey("api_key")) {
      throw new IllegalArgumentException("keys are not written in modelgate.yaml: name the variable that holds "
          + "it with 'api_key_env', or store it with 'modelgate providers add'");
    }
    ProviderInstance.Builder b = ProviderInstance.builder(text(e, "id"), ProviderKind.parse(text(e, "kind")));
    b.displayName(optional(e, "name"));
    b.baseUrl(optional(e, "base_url"));
    String keyEnv = optional(e, "api_key_env");
    if (keyEnv != null) {
      b.credentialRef(ProviderInstance.envCredential(keyEnv));
    }
    b.owner(optional(e, "owner"));
    String visibility = optional(e, "visibility");
    if (visibility != null) {
      b.visibility(enumValue(Visibility.class, visibility, "visibility"));
    }
    String approval = optional(e, "approval");
    if (approval != null) {
      b.approvalPolicy(enumValue(ApprovalPolicy.class, approval, "approval"));
    }
    String interval = optional(e, "discovery_interval");
    if (interval != null) {
      b.discoveryInterval(duration(interval));
    }
    if (e.get("enabled") != null) {
      if (!(e.get("enabled") instanceof Boolean enabled)) {
        throw new IllegalArgumentException("'enabled' must be true or false");
      }
      b.enabled(enabled);
    }
    if (e.get("defaults") != null) {
      map(e.get("defaults"), "'defaults'").forEach((category, model) ->
          b.defaultModel(ModelCategory.parse(category), String.valueOf(model)));
    }
    if (e.get("options") != null) {
      Map<String, String> options = new LinkedHashMap<>();
      map(e.get("options"), "'options'").forEach((k, v) -> options.put(k, String.valueOf(v)));
      b.options(options);
    }
    return b.build();
  }

  /** {@code 30s}, {@code 5m}, {@code 1h}, {@code 0}, or an ISO-8601 duration such as {@code PT5M}. */
  static Duration duration(String text) {
    String t = text.strip().toLowerCase(Locale.ROOT);
    try {
      if (t.equals("0")) {
        return Duration.ZERO;
      }
      if (t.matches("\\d+[smh]")) {
        long n = Long.parseLong(t.substring(0, t.length() - 1));
        return switch (t.charAt(t.length() - 1)) {
          case 's' -> Duration.ofSeconds(n);
          case 'm' -> Duration.ofMinutes(n);
          default -> Duration.ofHours(n);
        };
      }
      return Duration.parse(text.strip().toUpperCase(Locale.ROOT));
    } catch (DateTimeParseException | NumberFormatException ex) {
      throw new IllegalArgumentException("'discovery_interval' must look like 30s, 5m, 1h or PT5M, was '" + text
          + "'", ex);
    }
  }

  private static <E extends Enum<E>> E enumValue(Class<E> type, String text, String field) {
    String name = text.strip().toUpperCase(Locale.ROOT).replace('-', '_');
    for (E value : type.getEnumConstants()) {
      if (value.name().equals(name)) {
        return value;
      }
    }
    List<String> names = new ArrayList<>();
    for (E value : type.getEnumConstants()) {
      names.add(value.name().toLowerCase(Locale.ROOT).replace('_', '-'));
    }
    throw new IllegalArgumentException("'" + field + "' must be one of " + names + ", was '" + text + "'");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(@Nullable Object value, String where) {
    if (!(value instanceof Map<?, ?> m)) {
      throw new IllegalArgumentException(where + " must be a mapping of names to values");
    }
    for (Object key : m.keySet()) {
      if (!(key instanceof String)) {
        throw new IllegalArgumentException(where + " has a key that is not text: " + key);
      }
    }
    return (Map<String, Object>) m;
  }

  private static void checkKeys(Map<String, Object> m, Set<String> known, String where) {
    for (String key : m.keySet()) {
      if (!known.contains(key) && !key.equals("api_key")) {
        throw new IllegalArgumentException("unknown field '" + key + "' in " + where + "; known: "
            + known.stream().sorted().toList());
      }
    }
  }

  private static String text(Map<String, Object> m, String key) {
    String value = optional(m, key);
    if (value == null) {
      throw new IllegalArgumentException("'" + key + "' is required");
    }
    return value;
  }

  private static @Nullable String optional(Map<String, Object> m, String key) {
    Object value = m.get(key);
    if (value == null) {
      return null;
    }
    if (value instanceof Map || value instanceof List) {
      throw new IllegalArgumentException("'" + key + "' must be a single value");
    }
    String text = String.valueOf(value).strip();
    return text.isEmpty() ? null : text;
  }
}

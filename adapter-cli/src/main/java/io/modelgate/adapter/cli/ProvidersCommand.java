package io.modelgate.adapter.cli;

import io.modelgate.core.model.ModelId;
import io.modelgate.core.model.ProviderKind;
import io.modelgate.core.model.Secret;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "providers", mixinStandardHelpOptions = true,
    description = "Provider instances and nodes: list them with their health, add, change and remove them.",
    footer = {"", "Examples:", "  modelgate providers list",
        "  echo \"$OPENAI_API_KEY\" | modelgate providers add openai-team --kind openai",
        "  modelgate providers add ollama-studio --kind ollama --base-url http://studio.local:11434 --no-key"})
final class ProvidersCommand extends CommandGroup {
  private static final String[] COLUMNS = {"ID=id", "KIND=kind", "ENABLED=enabled", "HEALTH=health",
      "LATENCY_MS=latency_ms", "BASE_URL=base_url", "NAME=name"};

  ProvidersCommand(Cli cli) {
    super(cli);
  }

  @Command(name = "list", mixinStandardHelpOptions = true,
      description = "List provider instances, each health-checked at once (all probed concurrently).",
      footer = {"", "Example:", "  modelgate providers list --timeout 3s --json"})
  int list(@Option(names = "--timeout", defaultValue = "5s", description = "Longest wait for the probes (default 5s).")
      String timeout,
      @Option(names = "--no-probe", description = "Show the last health seen instead of probing.") boolean noProbe,
      @Option(names = "--json", description = "Print JSON.") boolean json) {
    Output.list(cli, json, cli.backend().providers(!noProbe, duration(timeout)), "no providers", COLUMNS);
    return 0;
  }

  @Command(name = "health", mixinStandardHelpOptions = true,
      description = "Probe every enabled provider concurrently; exits 1 if any is down.",
      footer = {"", "Example:", "  modelgate providers health --timeout 2s"})
  int health(@Option(names = "--timeout", defaultValue = "5s", description = "Longest wait for the probes (default 5s).")
      String timeout,
      @Option(names = "--json", description = "Print JSON.") boolean json) {
    List<Backend.View> rows = cli.backend().providers(true, duration(timeout)).stream()
        .filter(p -> Boolean.TRUE.equals(p.get("enabled"))).toList();
    Output.list(cli, json, rows, "no enabled providers",
        "ID=id", "HEALTH=health", "LATENCY_MS=latency_ms", "DETAIL=detail");
    return rows.stream().anyMatch(p -> "down".equals(p.get("health"))) ? 1 : 0;
  }

  @Command(name = "add", mixinStandardHelpOptions = true,
      description = "Add a shared provider instance. Its key is read from a hidden prompt on a terminal, or from "
          + "the first line of standard input when piped; never from an argument.",
      footer = {"", "Examples:", "  echo \"$OPENAI_API_KEY\" | modelgate providers add openai-team --kind openai",
          "  modelgate providers add ollama-studio --kind ollama --base-url http://studio.local:11434 --no-key"})
  int add(@Parameters(paramLabel = "<id>", description = "The instance id, the part before ':' in model ids.")
      String id,
      @Option(names = "--kind", required = true,
          description = "openai, openai-compatible, gemini, anthropic, ollama, openwebui, openrouter or demo.")
      String kind,
      @Option(names = "--name", description = "A friendly name.") String name,
      @Option(names = "--base-url", description = "Where it answers, e.g. http://studio.local:11434.")
      String baseUrl,
      @Option(names = "--no-key", description = "Keyless (Ollama, local servers): do not read a key.") boolean noKey,
      @Option(names = "--disabled", description = "Add it switched off.") boolean disabled,
      @Option(names = "--option", paramLabel = "KEY=VALUE", description = OPTION_HELP) Map<String, String> options,
      @Option(names = "--key", hidden = true, arity = "0..1") String keyArgument,
      @Option(names = "--json", description = "Print JSON.") boolean json) {
    refuseKeyArgument(keyArgument);
    Backend.ProviderSpec providerSpec = new Backend.ProviderSpec(ModelId.checkInstanceId(id),
        ProviderKind.parse(kind), name, checkUrl(baseUrl), disabled ? false : null, options);
    Secret key = noKey ? null : cli.readSecret("API key for " + id + " (empty for none): ");
    Output.one(cli, json, cli.backend().addProvider(providerSpec, key));
    return 0;
  }

  @Command(name = "update", mixinStandardHelpOptions = true,
      description = "Change a provider instance; --rotate-key reads a new key from the prompt or standard input.",
      footer = {"", "Examples:", "  modelgate providers update ollama-studio --base-url http://10.0.0.7:11434",
          "  echo \"$NEW_KEY\" | modelgate providers update openai-team --rotate-key"})
  int update(@Parameters(paramLabel = "<id>") String id,
      @Option(names = "--name", description = "A friendly name.") String name,
      @Option(names = "--base-url", description = "Where it answers.") String baseUrl,
      @Option(names = "--enable", description = "Switch it on.") boolean enable,
      @Option(names = "--disable", description = "Switch it off.") boolean disable,
      @Option(names = "--rotate-key", description = "Read a new key (prompt or standard input).") boolean rotateKey,
      @Option(names = "--option", paramLabel = "KEY=VALUE", description = OPTION_HELP) Map<String, String> options,
      @Option(names = "--key", hidden = true, arity = "0..1") String keyArgument,
      @Option(names = "--json", description = "Print JSON.") boolean json) {
    refuseKeyArgument(keyArgument);
    if (enable && disable) {
      throw new IllegalArgumentException("give --enable or --disable, not both");
    }
    Backend.ProviderSpec providerSpec = new Backend.ProviderSpec(ModelId.checkInstanceId(id), null, name,
        checkUrl(baseUrl), enable ? Boolean.TRUE : disable ? Boolean.FALSE : null, options);
    Secret key = null;
    if (rotateKey) {
      key = cli.readSecret("New API key for " + id + ": ");
      if (key == null) {
        throw new IllegalArgumentException("--rotate-key: no key given on the prompt or standard input");
      }
    }
    Output.one(cli, json, cli.backend().updateProvider(providerSpec, key));
    return 0;
  }

  static final String OPTION_HELP = "Set a provider option, over its others (repeatable; KEY= removes one): rpm, "
      + "tpm (outbound requests and tokens per minute), pool, weight, first-byte-timeout-ms, idle-timeout-ms, "
      + "request-timeout-ms, read-timeout-ms.";

  @Command(name = "remove", mixinStandardHelpOptions = true,
      description = "Remove a provider instance and its shared key.",
      footer = {"", "Example:", "  modelgate providers remove ollama-studio"})
  int remove(@Parameters(paramLabel = "<id>") String id) {
    cli.backend().removeProvider(ModelId.checkInstanceId(id));
    cli.out.println("removed " + id);
    return 0;
  }

  /**
   * A key given as an argument would land in the shell's history: refused, without repeating it. The option is
   * hidden; it exists only to say so.
   */
  static void refuseKeyArgument(String keyArgument) {
    if (keyArgument != null) {
      throw new IllegalArgumentException("never pass a key as an argument (it lands in the shell's history): "
          + "type it at the prompt or pipe it on standard input");
    }
  }

  private static String checkUrl(String url) {
    if (url != null && !(url.startsWith("http://") || url.startsWith("https://"))) {
      throw new IllegalArgumentException("--base-url must start with http:// or https://, was '" + url + "'");
    }
    return url;
  }

  /** {@code 5s}, {@code 500ms}, {@code 2m} or an ISO-8601 duration. */
  static Duration duration(String text) {
    String t = text.strip().toLowerCase(java.util.Locale.ROOT);
    try {
      if (t.endsWith("ms")) {
        return positive(Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2))), text);
      }
      if (t.endsWith("s")) {
        return positive(Duration.ofSeconds(Long.parseLong(t.substring(0, t.length() - 1))), text);
      }
      if (t.endsWith("m")) {
        return positive(Duration.ofMinutes(Long.parseLong(t.substring(0, t.length() - 1))), text);
      }
      return positive(Duration.parse(text), text);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("--timeout: expected a duration such as 5s or 500ms, was '" + text + "'");
    }
  }

  private static Duration positive(Duration d, String text) {
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(text);
    }
    return d;
  }
}

package io.modelgate.adapter.cli;

import io.modelgate.core.model.ModelId;
import io.modelgate.core.routing.BalanceStrategy;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "aliases", mixinStandardHelpOptions = true,
    description = "Names for ordered lists of models: a call naming an alias goes to its first usable model, then "
        + "fails over down the list; its strategy spreads calls over the nodes serving one model.",
    footer = {"", "Examples:", "  modelgate aliases set fast ollama-mac:llama3.1:8b openai:gpt-4o-mini "
        + "--strategy round-robin", "  modelgate aliases list"})
final class AliasesCommand extends CommandGroup {
  AliasesCommand(Cli cli) {
    super(cli);
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "Every alias.",
      footer = {"", "Example:", "  modelgate aliases list --json"})
  int list(@Option(names = "--json", description = "Print JSON.") boolean json) {
    Output.list(cli, json, cli.backend().aliases(), "no aliases", "NAME=name", "STRATEGY=strategy",
        "MODELS=models", "DEFAULTS=defaults");
    return 0;
  }

  @Command(name = "set", mixinStandardHelpOptions = true,
      description = "Create or replace an alias: its models in the order calls try them.",
      footer = {"", "Example:", "  modelgate aliases set fast ollama-mac:llama3.1:8b ollama-pc:llama3.1:8b "
          + "--strategy latency --temperature 0.2"})
  int set(@Parameters(index = "0", paramLabel = "<name>") String name,
      @Parameters(index = "1..*", arity = "1..*", paramLabel = "<model>") List<String> models,
      @Option(names = "--strategy", paramLabel = "STRATEGY",
          description = "How calls spread over the nodes of one model: round-robin, least-busy (default), latency, "
              + "weighted or ordered.") String strategy,
      @Option(names = "--temperature", description = "Default temperature for calls that set none.")
      Double temperature,
      @Option(names = "--max-tokens", description = "Default max_tokens for calls that set none.")
      Integer maxTokens,
      @Option(names = "--json", description = "Print JSON.") boolean json) {
    List<ModelId> ids = models.stream().map(ModelId::parse).toList();
    Map<String, Object> defaults = new LinkedHashMap<>();
    if (temperature != null) {
      defaults.put("temperature", temperature);
    }
    if (maxTokens != null) {
      defaults.put("max_tokens", maxTokens);
    }
    Output.one(cli, json, cli.backend().saveAlias(name, ids, defaults,
        strategy == null ? null : BalanceStrategy.parse(strategy)));
    return 0;
  }

  @Command(name = "remove", mixinStandardHelpOptions = true, description = "Remove an alias.",
      footer = {"", "Example:", "  modelgate aliases remove fast"})
  int remove(@Parameters(index = "0", paramLabel = "<name>") String name) {
    cli.backend().removeAlias(name);
    cli.out.println("removed alias " + name);
    cli.out.flush();
    return 0;
  }
}

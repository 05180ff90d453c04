package io.modelgate.adapter.cli;

import io.modelgate.app.Application;
import io.modelgate.core.catalog.BulkResult;
import io.modelgate.core.catalog.DiscoveryReport;
import io.modelgate.core.catalog.DiscoveryRequest;
import io.modelgate.core.catalog.ModelFilter;
import io.modelgate.core.catalog.ProviderReport;
import io.modelgate.core.model.Capability;
import io.modelgate.core.model.CatalogEntry;
import io.modelgate.core.model.ModelCategory;
import io.modelgate.core.model.ModelId;
import io.modelgate.core.model.ModelStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "models", mixinStandardHelpOptions = true,
    description = "List, discover and approve models.",
    footer = {"", "Examples:", "  modelgate models list --status enabled", "  modelgate models discover --force",
        "  modelgate models enable openai:gpt-4o-mini openai:gpt-4o"})
final class ModelsCommand implements Runnable {
  private final Cli cli;

  @Spec
  CommandSpec spec;

  ModelsCommand(Cli cli) {
    this.cli = cli;
  }

  @Override
  public void run() {
    spec.commandLine().usage(cli.out);
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List the models in the catalog.",
      footer = {"", "Example:", "  modelgate models list --category text --status enabled --json"})
  int list(
      @Option(names = "--provider", description = "Only this provider instance.") String provider,
      @Option(names = "--category", description = "text, embedding or tts.") String category,
      @Option(names = "--status", description = "pending, enabled, disabled or deprecated.") String status,
      @Option(names = "--capability", description = "streaming, tools, vision, json_output or reasoning.")
      String capability,
      @Option(names = "--json", description = "Print JSON.") boolean json) {
    ModelFilter filter = new ModelFilter(provider,
        category == null ? null : ModelCategory.parse(category),
        status == null ? null : ModelStatus.parse(status),
        capability == null ? null : Capability.parse(capability), null);
    List<CatalogEntry> entries = cli.app().ensureDiscovered().catalog().list(filter);
    if (json) {
      cli.out.println(Json.write(entries.stream().map(Views::model).toList()));
      return 0;
    }
    Table table = new Table("ID", "CATEGORY", "STATUS", "CONTEXT", "CAPABILITIES", "NAME");
    for (CatalogEntry e : entries) {
      table.row(e.id(), e.category().wireName(), e.status().wireName(), e.contextWindow(), Views.capabilities(e),
          e.displayName());
    }
    if (table.isEmpty()) {
      cli.out.println("no models match");
    } else {
      table.print(cli.out);
    }
    return 0;
  }

  @Command(name = "show", mixinStandardHelpOptions = true, description = "Show one model.",
      footer = {"", "Example:", "  modelgate models show demo:echo"})
  int show(@Parameters(paramLabel = "<id>", description = "provider:model") String id,
      @Option(names = "--json", description = "Print JSON.") boolean json) {
    List<CatalogEntry> entries = cli.app().ensureDiscovered().catalog().get(ModelId.parse(id));
    if (json) {
      cli.out.println(Json.write(entries.size() == 1 ? Views.model(entries.getFirst())
          : entries.stream().map(Views::model).toList()));
      return 0;
    }
    for (CatalogEntry e : entries) {
      Map<String, Object> view = Views.model(e);
      int width = view.keySet().stream().mapToInt(String::length).max().orElse(0);
      view.forEach((k, v) -> cli.out.println(k + " ".repeat(width - k.length() + 2) + (v == null ? "-" : v)));
    }
    return 0;
  }

  @Command(name = "discover", mixinStandardHelpOptions = true,
      description = "Ask providers what they serve; new models arrive pending.",
      footer = {"", "Example:", "  modelgate models discover --provider openai --category text --force"})
  int discover(
      @Option(names = "--provider", description = "Only this provider instance.") String provider,
      @Option(names = "--category", description = "text, embedding or tts.") String category,
      @Option(names = "--force", description = "Ignore the minimum interval and the listing cache.") boolean force,
      @Option(names = "--json", description = "Print the report as JSON.") boolean json) {
    DiscoveryRequest request = new DiscoveryRequest(provider,
        category == null ? null : ModelCategory.parse(category), force);
    Application app = cli.app();
    if (cli.terminal && !json) {
      cli.out.print("discovering…");
      cli.out.flush();
    }
    DiscoveryReport report = app.catalog().discover(request, r -> {
      if (!json) {
        if (cli.terminal) {
          cli.out.print("\r\033[K");
        }
        cli.out.println(line(r));
        if (cli.terminal) {
          cli.out.print("discovering…");
        }
        cli.out.flush();
      }
    });
    if (json) {
      cli.out.println(Json.write(report.providers().stream().map(Views::report).toList()));
    } else if (cli.terminal) {
      cli.out.print("\r\033[K");
      cli.out.flush();
    }
    return report.providers().stream().allMatch(r -> r.ok() || r.retryAfter() != null && r.error() != null
        && r.error().startsWith("skipped")) ? 0 : 1;
  }

  private static String line(ProviderReport r) {
    if (!r.ok()) {
      return r.provider() + ": " + r.error();
    }
    StringBuilder b = new StringBuilder(r.provider()).append(": listed ").append(r.listed())
        .append(", new ").append(r.added()).append(", updated ").append(r.updated())
        .append(", deprecated ").append(r.deprecated());
    if (!r.skipped().isEmpty()) {
      b.append(", skipped ").append(new java.util.TreeMap<>(r.skipped()));
    }
    if (r.cacheHit()) {
      b.append(" (cached)");
    }
    return b.toString();
  }

  @Command(name = "enable", mixinStandardHelpOptions = true, description = "Enable models.",
      footer = {"", "Example:", "  modelgate models enable openai:gpt-4o-mini openai:gpt-4o"})
  int enable(@Parameters(arity = "1..*", paramLabel = "<id>") List<String> ids,
      @Option(names = "--json", description = "Print JSON.") boolean json) {
    return setStatus(ids, ModelStatus.ENABLED, json);
  }

  @Command(name = "disable", mixinStandardHelpOptions = true, description = "Disable models.",
      footer = {"", "Example:", "  modelgate models disable openai:gpt-4"})
  int disable(@Parameters(arity = "1..*", paramLabel = "<id>") List<String> ids,
      @Option(names = "--json", description = "Print JSON.") boolean json) {
    return setStatus(ids, ModelStatus.DISABLED, json);
  }

  @Command(name = "deprecate", mixinStandardHelpOptions = true, description = "Deprecate models.",
      footer = {"", "Example:", "  modelgate models deprecate openai:gpt-3.5-turbo"})
  int deprecate(@Parameters(arity = "1..*", paramLabel = "<id>") List<String> ids,
      @Option(names = "--json", description = "Print JSON.") boolean json) {
    return setStatus(ids, ModelStatus.DEPRECATED, json);
  }

  private int setStatus(List<String> ids, ModelStatus status, boolean json) {
    List<ModelId> parsed = new ArrayList<>();
    for (String id : ids) {
      parsed.add(ModelId.parse(id));
    }
    BulkResult result = cli.app().ensureDiscovered().catalog().setStatus(parsed, status);
    if (json) {
      Map<String, Object> view = new LinkedHashMap<>();
      view.put("status", status.wireName());
      view.put("updated", result.updated().stream().map(ModelId::toString).toList());
      Map<String, Object> failed = new LinkedHashMap<>();
      result.failed().forEach((id, why) -> failed.put(id.toString(), why));
      view.put("failed", failed);
      cli.out.println(Json.write(view));
    } else {
      for (ModelId id : result.updated()) {
        cli.out.println(id + ": " + status.wireName());
      }
    }
    result.failed().forEach((id, why) -> cli.err.println("error: " + id + ": " + why));
    cli.out.flush();
    cli.err.flush();
    return result.failed().isEmpty() ? 0 : 1;
  }
}

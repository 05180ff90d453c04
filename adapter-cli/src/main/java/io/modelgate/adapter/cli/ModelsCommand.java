package io.modelgate.adapter.cli;

import io.modelgate.core.catalog.ModelFilter;
import io.modelgate.core.catalog.ModelMigration;
import io.modelgate.core.model.Capability;
import io.modelgate.core.model.ModelCategory;
import io.modelgate.core.model.ModelId;
import io.modelgate.core.model.ModelStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "models", mixinStandardHelpOptions = true,
    description = "List, discover and approve models; set defaults and migrations.",
    subcommands = {ModelsCommand.Default.class, ModelsCommand.Migrate.class},
    footer = {"", "Examples:", "  modelgate models list --status enabled", "  modelgate models discover --force",
        "  modelgate models enable openai:gpt-4o-mini openai:gpt-4o"})
final class ModelsCommand extends CommandGroup {
  ModelsCommand(Cli cli) {
    super(cli);
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List the models in the catalog.",
      footer = {"", "Example:", "  modelgate models list --category text --status enabled --json"})
  int list(
      @Option(names = "--provider", description = "Only this provider instance.") String provider,
      @Option(names = "--category", description = "text, embedding, tts or image.") String category,
      @Option(names = "--status", description = "pending, enabled, disabled or deprecated.") String status,
      @Option(names = "--capability", description = "streaming, tools, vision, json_output or reasoning.")
      String capability,
      @Option(names = "--json", description = "Print JSON.") boolean json) {
    ModelFilter filter = new ModelFilter(provider,
        category == null ? null : ModelCategory.parse(category),
        status == null ? null : ModelStatus.parse(status),
        capability == null ? null : Capability.parse(capability), null);
    Output.list(cli, json, cli.backend().models(filter), "no models match",
        "ID=id", "CATEGORY=category", "STATUS=status", "CONTEXT=context_window", "CAPABILITIES=capabilities",
        "NAME=name");
    return 0;
  }

  @Command(name = "show", mixinStandardHelpOptions = true, description = "Show one model.",
      footer = {"", "Example:", "  modelgate models show demo:echo"})
  int show(@Parameters(paramLabel = "<id>", description = "provider:model") String id,
      @Option(names = "--json", description = "Print JSON.") boolean json) {
    List<Backend.View> entries = cli.backend().model(ModelId.parse(id));
    if (json) {
      cli.out.println(Json.write(entries.size() == 1 ? entries.getFirst() : entries));
      return 0;
    }
    for (Backend.View e : entries) {
      Output.one(cli, false, e);
    }
    return 0;
  }

  @Command(name = "discover", mixinStandardHelpOptions = true,
      description = "Ask providers what they serve; new models arrive pending. On a terminal each provider's line "
          + "appears as it finishes; piped, one plain line per provider.",
      footer = {"", "Example:", "  modelgate models discover --provider openai --category text --force"})
  int discover(
      @Option(names = "--provider", description = "Only this provider instance.") String provider,
      @Option(names = "--category", description = "text, embedding, tts or image.") String category,
      @Option(names = "--force", description = "Ignore the minimum interval and the listing cache.") boolean force,
      @Option(names = "--json", description = "Print the report as JSON.") boolean json) {
    ModelCategory parsed = category == null ? null : ModelCategory.parse(category);
    if (provider != null) {
      ModelId.checkInstanceId(provider);
    }
    boolean live = cli.terminal && !json;
    if (live) {
      cli.out.print("discovering…");
      cli.out.flush();
    }
    List<Backend.View> reports = cli.backend().discover(provider, parsed, force, r -> {
      if (!json) {
        if (live) {
          cli.out.print("\r\033[K");
        }
        cli.out.println(line(r));
        if (live) {
          cli.out.print("discovering…");
        }
        cli.out.flush();
      }
    });
    if (json) {
      cli.out.println(Json.write(reports));
    } else if (live) {
      cli.out.print("\r\033[K");
    }
    if (!json && parsed == ModelCategory.TTS) {
      printVoices(reports);
    }
    cli.out.flush();
    return reports.stream().allMatch(r -> Boolean.TRUE.equals(r.get("ok")) || r.get("retry_after_s") != null
        && String.valueOf(r.get("error")).startsWith("skipped")) ? 0 : 1;
  }

  /** After a speech discovery: each provider's speech models, and under each the voices it speaks. */
  private void printVoices(List<Backend.View> reports) {
    for (Backend.View r : reports) {
      if (!Boolean.TRUE.equals(r.get("ok"))) {
        continue;
      }
      String provider = String.valueOf(r.get("provider"));
      for (Backend.View m : cli.backend().models(new ModelFilter(provider, ModelCategory.TTS, null, null, null))) {
        cli.out.println("  " + m.get("id") + " (" + m.get("status") + ")");
        if (m.get("voices") instanceof List<?> voices) {
          for (Object v : voices) {
            if (v instanceof Map<?, ?> voice) {
              Object name = voice.get("name");
              Object labels = voice.get("labels");
              cli.out.println("    " + voice.get("id") + (name == null || name.equals(voice.get("id")) ? "" : "  " + name)
                  + (labels instanceof List<?> l && !l.isEmpty() ? "  [" + String.join(", ",
                      l.stream().map(String::valueOf).toList()) + "]" : ""));
            }
          }
        }
      }
    }
  }

  private static String line(Backend.View r) {
    if (!Boolean.TRUE.equals(r.get("ok"))) {
      return r.get("provider") + ": " + r.get("error");
    }
    StringBuilder b = new StringBuilder().append(r.get("provider")).append(": listed ").append(Output.cell(
            r.get("listed"))).append(", new ").append(Output.cell(r.get("new")))
        .append(", updated ").append(Output.cell(r.get("updated")))
        .append(", deprecated ").append(Output.cell(r.get("deprecated")));
    if (r.get("skipped") instanceof Map<?, ?> skipped && !skipped.isEmpty()) {
      b.append(", skipped ").append(Output.cell(new java.util.TreeMap<>(skipped)));
    }
    if (Boolean.TRUE.equals(r.get("cache_hit"))) {
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
    List<ModelId> parsed = ids.stream().map(ModelId::parse).toList();
    Backend.View result = cli.backend().setStatus(parsed, status);
    if (json) {
      cli.out.println(Json.write(result));
    } else if (result.get("updated") instanceof List<?> updated) {
      for (Object id : updated) {
        cli.out.println(id + ": " + status.wireName());
      }
    }
    Map<?, ?> failed = result.get("failed") instanceof Map<?, ?> m ? m : Map.of();
    failed.forEach((id, why) -> cli.err.println("error: " + id + ": " + why));
    cli.out.flush();
    cli.err.flush();
    return failed.isEmpty() ? 0 : 1;
  }

  @Command(name = "default", mixinStandardHelpOptions = true,
      description = "Show or set the default model of a provider, or the server-wide default without --provider.",
      footer = {"", "Examples:", "  modelgate models default get --category text",
          "  modelgate models default set --provider demo --category text demo:echo",
          "  modelgate models default set --org org_1a2b3c demo:echo",
          "  modelgate models default set --agent support-bot demo:echo"})
  static final class Default extends CommandGroup {
    Default(Cli cli) {
      super(cli);
    }

    @Command(name = "get", mixinStandardHelpOptions = true, description = "Show a default model.",
        footer = {"", "Example:", "  modelgate models default get --provider demo --category text --json"})
    int get(@Option(names = "--provider", description = "A provider instance; the server-wide default if omitted.")
        String provider,
        @Option(names = "--category", defaultValue = "text", description = "text, embedding, tts or image (default: text).")
        String category,
        @Option(names = "--json", description = "Print JSON.") boolean json) {
      if (provider != null) {
        ModelId.checkInstanceId(provider);
      }
      Output.one(cli, json, cli.backend().getDefault(provider, ModelCategory.parse(category)));
      return 0;
    }

    @Command(name = "set", mixinStandardHelpOptions = true, description = "Set (or with --clear, clear) a default.",
        footer = {"", "Example:", "  modelgate models default set --provider demo --category text demo:echo"})
    int set(@Option(names = "--provider", description = "A provider instance; the server-wide default if omitted.")
        String provider,
        @Option(names = "--org", description = "Set an org's text default for its members instead.") String org,
        @Option(names = "--agent", description = "Set an agent's text default (tried before a user's preference).")
        String agent,
        @Option(names = "--category", defaultValue = "text", description = "text, embedding, tts or image (default: text).")
        String category,
        @Option(names = "--clear", description = "Clear the default instead.") boolean clear,
        @Parameters(arity = "0..1", paramLabel = "<model>", description = "provider:model") String model,
        @Option(names = "--json", description = "Print JSON.") boolean json) {
      if (provider != null) {
        ModelId.checkInstanceId(provider);
      }
      if (clear == (model != null)) {
        throw new IllegalArgumentException("give either a <model> or --clear");
      }
      ModelId id = model == null ? null : ModelId.parse(model);
      if (org != null || agent != null) {
        if ((org != null ? 1 : 0) + (agent != null ? 1 : 0) + (provider != null ? 1 : 0) > 1) {
          throw new IllegalArgumentException("give one of --provider, --org and --agent");
        }
        if (ModelCategory.parse(category) != ModelCategory.TEXT) {
          throw new IllegalArgumentException("--org and --agent set text defaults only");
        }
        Output.one(cli, json, org != null
            ? cli.backend().setCallerDefault(Backend.CallerScope.ORGANIZATION, org, id)
            : cli.backend().setCallerDefault(Backend.CallerScope.AGENT, agent, id));
        return 0;
      }
      if (id != null && provider != null && !id.instance().equals(provider)) {
        throw new IllegalArgumentException("model '" + id + "' is not a model of provider '" + provider + "'");
      }
      Output.one(cli, json, cli.backend().setDefault(provider, ModelCategory.parse(category), id));
      return 0;
    }
  }

  @Command(name = "migrate", mixinStandardHelpOptions = true,
      description = "Record that a model id moved; defaults, preferences and aliases that name it follow.",
      footer = {"", "Examples:", "  modelgate models migrate add openai:gpt-4 openai:gpt-4o --automatic",
          "  modelgate models migrate list"})
  static final class Migrate extends CommandGroup {
    Migrate(Cli cli) {
      super(cli);
    }

    @Command(name = "add", mixinStandardHelpOptions = true, description = "Add a migration from one id to another.",
        footer = {"", "Example:", "  modelgate models migrate add demo:embed demo:echo --reason renamed"})
    int add(@Parameters(index = "0", paramLabel = "<from>") String from,
        @Parameters(index = "1", paramLabel = "<to>") String to,
        @Option(names = "--reason", defaultValue = "renamed", description = "renamed, moved or deprecated.")
        String reason,
        @Option(names = "--automatic", description = "Send requests for <from> to <to> from now on.")
        boolean automatic,
        @Option(names = "--json", description = "Print JSON.") boolean json) {
      ModelMigration migration = new ModelMigration(ModelId.parse(from), ModelId.parse(to),
          ModelMigration.Reason.parse(reason), automatic, Instant.now());
      Output.one(cli, json, cli.backend().addMigration(migration));
      return 0;
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the migrations.",
        footer = {"", "Example:", "  modelgate models migrate list --json"})
    int list(@Option(names = "--json", description = "Print JSON.") boolean json) {
      Output.list(cli, json, cli.backend().migrations(), "no migrations",
          "FROM=from", "TO=to", "REASON=reason", "AUTOMATIC=automatic", "CREATED=created_at");
      return 0;
    }
  }
}

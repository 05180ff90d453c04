package io.modelgate.adapter.cli;

import io.modelgate.core.account.AccountRole;
import io.modelgate.core.model.ModelId;
import io.modelgate.core.model.Secret;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The account commands: users' provider keys, gateway keys, users and orgs. */
final class AccountCommands {
  private AccountCommands() {}

  @Command(name = "keys", mixinStandardHelpOptions = true,
      description = "A user's own provider keys, used for that user's calls before the shared key; listed masked. "
          + "A key is read from a hidden prompt on a terminal, or from standard input when piped. In remote mode "
          + "they are the keys of the caller (MODELGATE_API_KEY's user).",
      footer = {"", "Examples:", "  echo \"$MY_OPENAI_KEY\" | modelgate keys add --user usr_123 --provider openai",
          "  modelgate keys list --user usr_123"})
  static final class Keys extends CommandGroup {
    Keys(Cli cli) {
      super(cli);
    }

    @Option(names = "--user", scope = picocli.CommandLine.ScopeType.INHERIT,
        description = "The user (embedded mode; remote mode always uses the caller).")
    String user;

    private String user() {
      if (cli.remote() && user != null) {
        throw new IllegalArgumentException("--user: in remote mode the keys are always the caller's own");
      }
      return user;
    }

    @Command(name = "add", mixinStandardHelpOptions = true, description = "Add (or replace) a key for a provider.",
        footer = {"", "Example:", "  echo \"$MY_OPENAI_KEY\" | modelgate keys add --user usr_123 --provider openai"})
    int add(@Option(names = "--provider", required = true, description = "The provider instance.") String provider,
        @Option(names = "--key", hidden = true, arity = "0..1") String keyArgument,
        @Option(names = "--json", description = "Print JSON.") boolean json) {
      ProvidersCommand.refuseKeyArgument(keyArgument);
      ModelId.checkInstanceId(provider);
      String owner = user();
      Secret key = cli.readSecret("API key for " + provider + ": ");
      if (key == null) {
        throw new IllegalArgumentException("no key given on the prompt or standard input");
      }
      Output.one(cli, json, cli.backend().addKey(owner, provider, key));
      return 0;
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the keys, masked.",
        footer = {"", "Example:", "  modelgate keys list --user usr_123 --json"})
    int list(@Option(names = "--json", description = "Print JSON.") boolean json) {
      Output.list(cli, json, cli.backend().keys(user()), "no keys",
          "PROVIDER=provider", "KEY=key", "CREATED=created_at", "LAST_USED=last_used_at");
      return 0;
    }

    @Command(name = "remove", mixinStandardHelpOptions = true, description = "Remove the key for a provider.",
        footer = {"", "Example:", "  modelgate keys remove --user usr_123 --provider openai"})
    int remove(@Option(names = "--provider", required = true, description = "The provider instance.")
        String provider) {
      ModelId.checkInstanceId(provider);
      cli.backend().removeKey(user(), provider);
      cli.out.println("removed the key for " + provider);
      return 0;
    }
  }

  @Command(name = "gateway-keys", mixinStandardHelpOptions = true,
      description = "Gateway API keys, the bearer keys callers use; a new key is shown once, only its prefix later.",
      footer = {"", "Examples:", "  modelgate gateway-keys create --user usr_123 --name laptop",
          "  modelgate gateway-keys list --user usr_123", "  modelgate gateway-keys revoke mg_1a2b3c4d"})
  static final class GatewayKeys extends CommandGroup {
    GatewayKeys(Cli cli) {
      super(cli);
    }

    @Command(name = "create", mixinStandardHelpOptions = true,
        description = "Create a key for a user and print it once.",
        footer = {"", "Example:", "  modelgate gateway-keys create --user usr_123 --name laptop --json"})
    int create(@Option(names = "--user", required = true, description = "The user the key acts as.") String user,
        @Option(names = "--name", description = "What the key is for.") String name,
        @Option(names = "--json", description = "Print JSON.") boolean json) {
      Backend.View key = cli.backend().createGatewayKey(user, name);
      if (json) {
        Output.one(cli, true, key);
      } else {
        cli.out.println(key.get("key"));
        cli.err.println("Store this key now: it is not shown again (prefix " + key.get("prefix") + ").");
        cli.out.flush();
        cli.err.flush();
      }
      return 0;
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List a user's keys by prefix.",
        footer = {"", "Example:", "  modelgate gateway-keys list --user usr_123"})
    int list(@Option(names = "--user", required = true, description = "The user.") String user,
        @Option(names = "--json", description = "Print JSON.") boolean json) {
      Output.list(cli, json, cli.backend().gatewayKeys(user), "no keys",
          "PREFIX=prefix", "NAME=name", "CREATED=created_at", "LAST_USED=last_used_at", "REVOKED=revoked_at");
      return 0;
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true, description = "Revoke keys by prefix.",
        footer = {"", "Example:", "  modelgate gateway-keys revoke mg_1a2b3c4d"})
    int revoke(@Parameters(arity = "1..*", paramLabel = "<prefix>") List<String> prefixes) {
      for (String prefix : prefixes) {
        if (!prefix.matches("mg_[0-9a-f]{8}")) {
          throw new IllegalArgumentException("'" + prefix + "' is not a key prefix (mg_ and 8 hex digits)");
        }
      }
      for (String prefix : prefixes) {
        cli.backend().revokeGatewayKey(prefix);
        cli.out.println("revoked " + prefix);
      }
      return 0;
    }
  }

  @Command(name = "users", mixinStandardHelpOptions = true, description = "List and create users.",
      footer = {"", "Examples:", "  modelgate users create --name alice --role member",
          "  modelgate users list --json"})
  static final class Users extends CommandGroup {
    Users(Cli cli) {
      super(cli);
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the users.",
        footer = {"", "Example:", "  modelgate users list"})
    int list(@Option(names = "--json", description = "Print JSON.") boolean json) {
      Output.list(cli, json, cli.backend().users(), "no users",
          "ID=id", "NAME=name", "ROLE=role", "ORG=org_id", "CREATED=created_at");
      return 0;
    }

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Create a user.",
        footer = {"", "Example:", "  modelgate users create --name alice --role member --org org_123"})
    int create(@Option(names = "--name", required = true) String name,
        @Option(names = "--role", defaultValue = "member", description = "admin or member (default: member).")
        String role,
        @Option(names = "--org", description = "The user's org id.") String org,
        @Option(names = "--json", description = "Print JSON.") boolean json) {
      if (name.isBlank()) {
        throw new IllegalArgumentException("'--name' must not be blank");
      }
      Output.one(cli, json, cli.backend().createUser(name, AccountRole.parse(role).wireName(), org));
      return 0;
    }
  }

  @Command(name = "orgs", mixinStandardHelpOptions = true,
      description = "List and create orgs; restrict the models an org may use.",
      footer = {"", "Examples:", "  modelgate orgs create --name research",
          "  modelgate orgs allow org_123 demo:* openai:gpt-4o-mini"})
  static final class Orgs extends CommandGroup {
    Orgs(Cli cli) {
      super(cli);
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the orgs.",
        footer = {"", "Example:", "  modelgate orgs list --json"})
    int list(@Option(names = "--json", description = "Print JSON.") boolean json) {
      Output.list(cli, json, cli.backend().orgs(), "no orgs",
          "ID=id", "NAME=name", "ALLOWED_MODELS=allowed_models", "CREATED=created_at");
      return 0;
    }

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Create an org.",
        footer = {"", "Example:", "  modelgate orgs create --name research"})
    int create(@Option(names = "--name", required = true) String name,
        @Option(names = "--json", description = "Print JSON.") boolean json) {
      if (name.isBlank()) {
        throw new IllegalArgumentException("'--name' must not be blank");
      }
      Output.one(cli, json, cli.backend().createOrg(name));
      return 0;
    }

    @Command(name = "allow", mixinStandardHelpOptions = true,
        description = "Set the models an org may use: ids and provider:* patterns; --all lifts the restriction.",
        footer = {"", "Example:", "  modelgate orgs allow org_123 demo:* openai:gpt-4o-mini"})
    int allow(@Parameters(index = "0", paramLabel = "<org>") String org,
        @Parameters(index = "1..*", arity = "0..*", paramLabel = "<model>") List<String> models,
        @Option(names = "--all", description = "Allow every model.") boolean all,
        @Option(names = "--json", description = "Print JSON.") boolean json) {
      List<String> patterns = models == null ? List.of() : models;
      if (all == !patterns.isEmpty()) {
        throw new IllegalArgumentException("give model ids and provider:* patterns, or --all");
      }
      for (String p : patterns) {
        if (p.endsWith(":*")) {
          ModelId.checkInstanceId(p.substring(0, p.length() - 2));
        } else {
          ModelId.parse(p);
        }
      }
      Output.one(cli, json, cli.backend().allowModels(org, patterns));
      return 0;
    }
  }
}

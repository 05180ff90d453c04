package io.modelgate.adapter.cli;

import io.modelgate.core.model.ModelId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "chat", mixinStandardHelpOptions = true,
    description = "Chat with a model; the reply streams to the terminal as it arrives.",
    footer = {"", "Examples:", "  modelgate chat -m demo:echo \"Hello\"",
        "  echo \"Summarise this\" | modelgate chat -m demo:echo -",
        "  modelgate chat -m demo:echo --system \"Be brief\" --json \"Hello\"",
        "  modelgate chat --conversation trip-plan -m demo:echo \"Hello\"   # later turns: no -m needed"})
final class ChatCommand implements Callable<Integer> {
  private final Cli cli;

  @Option(names = {"-m", "--model"}, description = "Model id (provider:model) or alias; routing picks one if omitted.")
  String model;

  @Option(names = "--system", description = "A system prompt.")
  String system;

  @Option(names = "--conversation", paramLabel = "<id>",
      description = "Join this conversation: its first reply pins the model that served it, and later turns that "
          + "name no model keep to it.")
  String conversation;

  @Option(names = "--json", description = "Print the final response, with its route and usage, as JSON.")
  boolean json;

  @Parameters(arity = "0..*", paramLabel = "<prompt>", description = "The prompt; '-' or none reads standard input.")
  List<String> prompt;

  ChatCommand(Cli cli) {
    this.cli = cli;
  }

  @Override
  public Integer call() {
    if (model != null && model.isBlank()) {
      throw new IllegalArgumentException("'--model' must not be blank");
    }
    if (model != null && model.contains(":")) {
      ModelId.parse(model);
    }
    Backend.ChatInput input = new Backend.ChatInput(model, system, promptText(), conversation);
    if (json) {
      cli.out.println(Json.write(cli.backend().chat(input, text -> { })));
      return 0;
    }
    boolean[] printed = {false};
    try {
      cli.backend().chat(input, text -> {
        cli.out.print(text);
        cli.out.flush();
        printed[0] = true;
      });
    } catch (RuntimeException e) {
      if (printed[0]) {
        cli.out.println();
        cli.out.flush();
      }
      throw e;
    }
    cli.out.println();
    cli.out.flush();
    return 0;
  }

  private String promptText() {
    if (prompt != null && !(prompt.size() == 1 && prompt.getFirst().equals("-"))) {
      return String.join(" ", prompt);
    }
    try {
      return new String(cli.in.readAllBytes(), StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

package io.modelgate.adapter.cli;

import io.modelgate.app.Application;
import io.modelgate.core.chat.ChatEvent;
import io.modelgate.core.chat.ChatMessage;
import io.modelgate.core.chat.ChatRequest;
import io.modelgate.core.chat.ChatResponse;
import io.modelgate.core.chat.Usage;
import io.modelgate.core.gateway.GatewayChat;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "chat", mixinStandardHelpOptions = true,
    description = "Chat with a model; the reply streams to the terminal as it arrives.",
    footer = {"", "Examples:", "  modelgate chat -m demo:echo \"Hello\"",
        "  echo \"Summarise this\" | modelgate chat -m openai:gpt-4o-mini -",
        "  modelgate chat -m demo:echo --json \"Hello\""})
final class ChatCommand implements java.util.concurrent.Callable<Integer> {
  private final Cli cli;

  @Option(names = {"-m", "--model"}, description = "Model id (provider:model) or alias; routing picks one if omitted.")
  String model;

  @Option(names = "--system", description = "A system prompt.")
  String system;

  @Option(names = "--json", description = "Print the final response, with its route and usage, as JSON.")
  boolean json;

  @Parameters(arity = "0..*", paramLabel = "<prompt>", description = "The prompt; '-' or none reads standard input.")
  List<String> prompt;

  ChatCommand(Cli cli) {
    this.cli = cli;
  }

  @Override
  public Integer call() {
    String text = promptText();
    if (text.isBlank()) {
      throw new IllegalArgumentException("no prompt: give it as an argument or on standard input");
    }
    ChatRequest.Builder request = ChatRequest.builder().model(model);
    if (system != null) {
      request.message(ChatMessage.system(system));
    }
    request.message(ChatMessage.user(text));
    Application app = cli.app().ensureDiscovered();
    GatewayChat call = app.gateway().stream(request.build());
    if (json) {
      ChatResponse response = ChatResponse.collect(call.stream());
      cli.out.println(Json.write(view(call, response)));
      return 0;
    }
    try (call) {
      while (true) {
        ChatEvent event = call.stream().next();
        switch (event) {
          case ChatEvent.TextDelta d -> {
            if (d.choice() == 0) {
              cli.out.print(d.text());
              cli.out.flush();
            }
          }
          case ChatEvent.Completed c -> {
            cli.out.println();
            cli.out.flush();
            return 0;
          }
          case ChatEvent.Failed f -> {
            cli.out.println();
            cli.out.flush();
            throw f.error();
          }
          default -> { }
        }
      }
    }
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

  private static Map<String, Object> view(GatewayChat call, ChatResponse response) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("request_id", call.requestId());
    m.put("model", call.route().servedId().toString());
    m.put("route", Views.route(call.route()));
    m.put("text", response.text());
    m.put("finish_reason", response.finishReason().wireName());
    m.put("tool_calls", response.toolCalls().stream().map(t -> Map.of("id", t.id(), "name", t.name(),
        "arguments", t.arguments())).toList());
    Usage u = response.usage();
    Map<String, Object> usage = new LinkedHashMap<>();
    usage.put("prompt_tokens", u.promptTokens());
    usage.put("completion_tokens", u.completionTokens());
    usage.put("cached_tokens", u.cachedTokens());
    usage.put("reasoning_tokens", u.reasoningTokens());
    usage.put("total_tokens", u.totalTokens());
    m.put("usage", usage);
    return m;
  }
}

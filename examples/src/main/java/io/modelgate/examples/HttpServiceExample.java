package io.modelgate.examples;

import com.squareup.moshi.Moshi;
import io.modelgate.adapter.http.HttpService;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Modelgate as a service: starts the HTTP service in-process on a free port (with its database in a fresh temporary
 * directory and the offline demo provider), then calls its OpenAI-compatible API the way any HTTP client would,
 * with the bootstrap admin key the service printed. {@code ./modelgate serve} runs the same service on its own.
 * Run with {@code mvn -q -pl examples exec:java -Dexample=io.modelgate.examples.HttpServiceExample}.
 */
public final class HttpServiceExample {
  private HttpServiceExample() {}

  public static void main(String[] args) throws IOException, InterruptedException {
    Path home = Files.createTempDirectory("modelgate-example");
    try (HttpService service = HttpService.start(Map.of("MODELGATE_HOME", home.toString()), 0)) {
      String key = service.bootstrapKey().orElseThrow();
      String base = "http://localhost:" + service.port();
      HttpClient http = HttpClient.newHttpClient();

      String prompt = args.length > 0 ? String.join(" ", args) : "Hello from an HTTP client";
      String body = "{\"model\":\"demo:echo\",\"messages\":[{\"role\":\"user\",\"content\":"
          + new Moshi.Builder().build().adapter(String.class).toJson(prompt) + "}]}";
      HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + "/v1/chat/completions"))
          .header("Authorization", "Bearer " + key)
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());

      System.out.println("HTTP " + response.statusCode() + ", served by "
          + response.headers().firstValue("x-modelgate-model").orElse("?"));
      Map<?, ?> json = (Map<?, ?>) new Moshi.Builder().build().adapter(Object.class).fromJson(response.body());
      Map<?, ?> message = (Map<?, ?>) ((Map<?, ?>) ((List<?>) json.get("choices")).getFirst()).get("message");
      System.out.println(message.get("content"));
    } finally {
      try (var files = Files.walk(home)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }
}

package io.modelgate.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelgate.core.model.ModelId;
import io.modelgate.core.routing.CircuitBreakers;
import io.modelgate.core.usage.UsageOutcome;
import io.modelgate.core.usage.UsageQuery;
import io.modelgate.core.usage.UsageRecord;
import io.modelgate.provider.testkit.Fixtures;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

/**
 * A bounded soak on loopback: of two nodes serving one model, one flaps (up and down every 300 ms) while callers keep
 * calling for a few seconds. Every call succeeds (the other node is always there), each has exactly one usage
 * record, the flapping node's circuit opens and later lets it serve again, and neither threads nor upstream
 * connections pile up.
 */
class FlappingNodeSoakTest {
  private static final String LISTING = """
      {"object":"list","data":[{"id":"flap-model","object":"model","created":1721172741,"owned_by":"system"}]}""";
  private static final Duration SOAK = Duration.ofSeconds(4);
  private static final long FLAP_MS = 300;
  private static final int CALLERS = 4;

  private static MockWebServer node(boolean flaps) {
    MockWebServer server = new MockWebServer();
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        if (request.getTarget().endsWith("/models")) {
          return new MockResponse.Builder().setHeader("Content-Type", "application/json").body(LISTING).build();
        }
        boolean down = flaps && (System.nanoTime() / 1_000_000 / FLAP_MS) % 2 == 1;
        return down
            ? new MockResponse.Builder().code(503).setHeader("Content-Type", "application/json")
                .body("{\"error\":{\"message\":\"restarting\",\"type\":\"server_error\"}}").build()
            : new MockResponse.Builder().setHeader("Content-Type", "text/event-stream")
                .body(Fixtures.read("openai/chat_completions_stream_text_with_usage.sse")).build();
      }
    });
    return server;
  }

  private static long threadsNamed(String part) {
    return Thread.getAllStackTraces().keySet().stream().filter(t -> t.isAlive() && t.getName().contains(part))
        .count();
  }

  @Test
  void callsKeepSucceedingWhileANodeFlapsAndNothingLeaks() throws Exception {
    try (MockWebServer flapping = node(true); MockWebServer steady = node(false)) {
      flapping.start();
      steady.start();
      try (Harness h = new Harness(Map.of("MODELGATE_MAX_ATTEMPTS", "4", "MODELGATE_BREAKER_FAILURES", "3",
          "MODELGATE_BREAKER_COOLDOWN_SECONDS", "1"))) {
        for (MockWebServer server : List.of(flapping, steady)) {
          String id = server == flapping ? "flap-a" : "flap-b";
          HttpResponse<String> created = h.post("/api/admin/ai-clients", h.adminKey, "{\"id\":\"" + id
              + "\",\"kind\":\"openai-compatible\",\"base_url\":\"" + server.url("/v1")
              + "\",\"key\":\"sk-flap-0000000000\",\"approval_policy\":\"auto-enable\","
              + "\"options\":{\"pool\":\"flap\"}}");
          assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
          h.post("/api/admin/models/discover", h.adminKey, "{\"provider\":\"" + id + "\",\"force\":true}");
        }
        CircuitBreakers breakers = h.graph.modelgate().circuitBreakers();
        ModelId flappingTarget = ModelId.parse("flap-a:flap-model");
        int threadsBefore = Thread.getAllStackTraces().size();

        Set<CircuitBreakers.State> seen = EnumSet.noneOf(CircuitBreakers.State.class);
        List<HttpResponse<String>> answers = new CopyOnWriteArrayList<>();
        Map<String, Boolean> servedByFlappingAfterOpen = new ConcurrentHashMap<>();
        long until = System.nanoTime() + SOAK.toNanos();
        ExecutorService callers = Executors.newFixedThreadPool(CALLERS + 1);
        try {
          List<Future<?>> running = new ArrayList<>();
          running.add(callers.submit(() -> {
            while (System.nanoTime() < until) {
              synchronized (seen) {
                seen.add(breakers.state(flappingTarget));
              }
              try {
                Thread.sleep(10);
              } catch (InterruptedException e) {
                return;
              }
            }
          }));
          for (int c = 0; c < CALLERS; c++) {
            int caller = c;
            running.add(callers.submit(() -> {
              for (int i = 0; System.nanoTime() < until; i++) {
                boolean stream = (i + caller) % 2 == 0;
                HttpResponse<String> r = h.post("/v1/chat/completions", h.adminKey, "{\"model\":\"flap-a:flap-model\","
                    + "\"stream\":" + stream + ",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
                answers.add(r);
                boolean opened;
                synchronized (seen) {
                  opened = seen.contains(CircuitBreakers.State.OPEN);
                }
                if (opened && r.headers().firstValue("x-modelgate-provider").orElse("").equals("flap-a")) {
                  servedByFlappingAfterOpen.put(r.headers().firstValue(Call.REQUEST_ID).orElseThrow(), true);
                }
              }
            }));
          }
          for (Future<?> f : running) {
            f.get();
          }
        } finally {
          callers.shutdownNow();
        }

        assertThat(answers).hasSizeGreaterThan(20);
        assertThat(answers).allSatisfy(r -> {
          assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
          assertThat(r.body()).doesNotContain("\"error\"");
        });
        List<String> ids = answers.stream().map(r -> r.headers().firstValue(Call.REQUEST_ID).orElseThrow()).toList();
        Map<String, List<UsageRecord>> records = h.graph.usageLog().find(UsageQuery.ALL).stream()
            .filter(u -> ids.contains(u.requestId())).collect(Collectors.groupingBy(UsageRecord::requestId));
        assertThat(records).hasSize(ids.size());
        assertThat(records.values()).allSatisfy(one -> assertThat(one).singleElement()
            .satisfies(u -> assertThat(u.outcome()).isEqualTo(UsageOutcome.SUCCESS)));

        assertThat(seen).contains(CircuitBreakers.State.OPEN, CircuitBreakers.State.CLOSED);
        assertThat(servedByFlappingAfterOpen).as("the flapping node serves again once its circuit lets a trial by")
            .isNotEmpty();
        // The circuit keeps most calls away from the node while it is failing.
        long failedAtFlapping = records.values().stream().map(List::getFirst)
            .filter(u -> u.route().contains("attempt: flap-a:flap-model failed")).count();
        assertThat(failedAtFlapping).isLessThan(answers.size() / 2);

        // Nothing piles up: the callers' threads are gone, and the upstreams hold no more connections (one
        // MockWebServer thread each) than the callers could have had open at once plus the gateway's idle pool.
        Thread.sleep(200);
        assertThat(Thread.getAllStackTraces().size()).isLessThanOrEqualTo(threadsBefore + 2 * CALLERS + 10);
        assertThat(threadsNamed("MockWebServer")).isLessThanOrEqualTo(4L * CALLERS + 12);
      }
    }
  }
}

package io.modelgate.provider.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelgate.core.model.ProviderInstance;
import io.modelgate.core.model.ProviderKind;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Scope;
import java.util.concurrent.atomic.AtomicReference;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.Call;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;

/**
 * The upstream request carries the {@code traceparent} of the span current where the call was made, even when it is
 * sent from another thread (as the drivers read their streams); with no span current it carries none.
 */
class TraceContextTest {
  private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
  private static final String SPAN_ID = "00f067aa0ba902b7";

  private static RecordedRequest send(OkHttpClient client, MockWebServer upstream, boolean traced) throws Exception {
    upstream.enqueue(new MockResponse.Builder().body("{}").build());
    Call call;
    Request request = new Request.Builder().url(upstream.url("/v1/chat/completions"))
        .header("traceparent", "00-" + "1".repeat(32) + "-" + "2".repeat(16) + "-01").build();
    if (traced) {
      Span span = Span.wrap(SpanContext.create(TRACE_ID, SPAN_ID, TraceFlags.getSampled(), TraceState.getDefault()));
      try (Scope scope = span.makeCurrent()) {
        call = client.newCall(request);
      }
    } else {
      call = client.newCall(request.newBuilder().removeHeader("traceparent").build());
    }
    AtomicReference<Exception> failed = new AtomicReference<>();
    Thread reader = Thread.ofVirtual().start(() -> {
      try (Response response = call.execute()) {
        response.body().string();
      } catch (Exception e) {
        failed.set(e);
      }
    });
    reader.join();
    assertThat(failed.get()).isNull();
    return upstream.takeRequest();
  }

  @Test
  void theTraceparentOfTheSpanCurrentWhereTheCallWasMadeIsSentFromAnotherThread() throws Exception {
    try (MockWebServer upstream = new MockWebServer()) {
      upstream.start();
      OkHttpClient client = ProviderHttp.forInstance(ProviderHttp.newClient(),
          ProviderInstance.builder("openai", ProviderKind.OPENAI).build());
      RecordedRequest received = send(client, upstream, true);
      assertThat(received.getHeaders().values("traceparent")).containsExactly("00-" + TRACE_ID + "-" + SPAN_ID + "-01");
    }
  }

  @Test
  void withNoSpanCurrentNoTraceparentIsAdded() throws Exception {
    try (MockWebServer upstream = new MockWebServer()) {
      upstream.start();
      RecordedRequest received = send(ProviderHttp.newClient(), upstream, false);
      assertThat(received.getHeaders().names()).doesNotContain("traceparent");
    }
  }
}

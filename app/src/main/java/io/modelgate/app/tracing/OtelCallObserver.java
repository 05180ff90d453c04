package io.modelgate.app.tracing;

import io.modelgate.core.chat.Usage;
import io.modelgate.core.model.ProviderKind;
import io.modelgate.core.port.CallObserver;
import io.modelgate.core.routing.RouteStep;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;

/**
 * The gateway's calls as OpenTelemetry spans, after the GenAI semantic conventions: each attempt at a provider is a
 * client span, a child of the span current where the call runs (the request's server span), named
 * {@code {gen_ai.operation.name} {gen_ai.request.model}}; routing and failover steps are events on that current
 * span. Only ids, numbers and error codes are recorded: never a message's text, never a key. Thread-safe.
 */
final class OtelCallObserver implements CallObserver {
  static final AttributeKey<String> OPERATION = AttributeKey.stringKey("gen_ai.operation.name");
  static final AttributeKey<String> PROVIDER = AttributeKey.stringKey("gen_ai.provider.name");
  static final AttributeKey<String> REQUEST_MODEL = AttributeKey.stringKey("gen_ai.request.model");
  static final AttributeKey<Long> MAX_TOKENS = AttributeKey.longKey("gen_ai.request.max_tokens");
  static final AttributeKey<Double> TEMPERATURE = AttributeKey.doubleKey("gen_ai.request.temperature");
  static final AttributeKey<Double> TOP_P = AttributeKey.doubleKey("gen_ai.request.top_p");
  static final AttributeKey<String> CONVERSATION = AttributeKey.stringKey("gen_ai.conversation.id");
  static final AttributeKey<String> RESPONSE_MODEL = AttributeKey.stringKey("gen_ai.response.model");
  static final AttributeKey<String> RESPONSE_ID = AttributeKey.stringKey("gen_ai.response.id");
  static final AttributeKey<List<String>> FINISH_REASONS =
      AttributeKey.stringArrayKey("gen_ai.response.finish_reasons");
  static final AttributeKey<Long> INPUT_TOKENS = AttributeKey.longKey("gen_ai.usage.input_tokens");
  static final AttributeKey<Long> OUTPUT_TOKENS = AttributeKey.longKey("gen_ai.usage.output_tokens");
  static final AttributeKey<Long> CACHE_READ_TOKENS = AttributeKey.longKey("gen_ai.usage.cache_read.input_tokens");
  static final AttributeKey<Long> CACHE_WRITE_TOKENS =
      AttributeKey.longKey("gen_ai.usage.cache_creation.input_tokens");
  static final AttributeKey<Long> REASONING_TOKENS = AttributeKey.longKey("gen_ai.usage.reasoning.output_tokens");
  static final AttributeKey<String> SERVER_ADDRESS = AttributeKey.stringKey("server.address");
  static final AttributeKey<Long> SERVER_PORT = AttributeKey.longKey("server.port");
  static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");
  static final AttributeKey<String> INSTANCE = AttributeKey.stringKey("modelgate.provider.id");
  static final AttributeKey<String> TARGET = AttributeKey.stringKey("modelgate.target");
  static final AttributeKey<Long> ATTEMPT = AttributeKey.longKey("modelgate.attempt");
  static final AttributeKey<String> STEP = AttributeKey.stringKey("modelgate.step");
  static final AttributeKey<String> DETAIL = AttributeKey.stringKey("modelgate.step.detail");
  static final AttributeKey<String> FROM = AttributeKey.stringKey("modelgate.step.from");
  static final AttributeKey<Long> WAITED_MS = AttributeKey.longKey("modelgate.step.waited_ms");

  private final Tracer tracer;

  OtelCallObserver(Tracer tracer) {
    this.tracer = tracer;
  }

  @Override
  public Observation attemptStarted(AttemptStart start) {
    String model = start.model().model();
    AttributesBuilder a = Attributes.builder()
        .put(OPERATION, start.operation())
        .put(PROVIDER, providerName(start.provider(), start.kind()))
        .put(REQUEST_MODEL, model)
        .put(INSTANCE, start.provider())
        .put(TARGET, start.model().toString())
        .put(ATTEMPT, (long) start.number());
    if (start.maxTokens() != null) {
      a.put(MAX_TOKENS, (long) start.maxTokens());
    }
    if (start.temperature() != null) {
      a.put(TEMPERATURE, start.temperature());
    }
    if (start.topP() != null) {
      a.put(TOP_P, start.topP());
    }
    if (start.conversationId() != null) {
      a.put(CONVERSATION, start.conversationId());
    }
    address(start.baseUrl(), a);
    Span span = tracer.spanBuilder(start.operation() + " " + model)
        .setSpanKind(SpanKind.CLIENT)
        .setParent(Context.current())
        .setAllAttributes(a.build())
        .startSpan();
    return new Attempt(span, model);
  }

  @Override
  public void routeStep(RouteStep step) {
    Span current = Span.current();
    if (current.isRecording()) {
      current.addEvent("modelgate.route", Attributes.of(STEP, step.kind().wireName(), DETAIL, step.detail()));
    }
  }

  @Override
  public void failoverStep(FailoverStep step) {
    Span current = Span.current();
    if (!current.isRecording()) {
      return;
    }
    AttributesBuilder a = Attributes.builder()
        .put(STEP, step.kind().name().toLowerCase(Locale.ROOT))
        .put(TARGET, step.target().toString());
    if (step.from() != null) {
      a.put(FROM, step.from().toString());
    }
    if (step.error() != null) {
      a.put(ERROR_TYPE, step.error());
    }
    if (step.waited() != null) {
      a.put(WAITED_MS, step.waited().toMillis());
    }
    current.addEvent("modelgate.failover", a.build());
  }

  /** One attempt's span; ended once. */
  private static final class Attempt implements Observation {
    private final Span span;
    private final String model;
    private final AtomicBoolean ended = new AtomicBoolean();

    Attempt(Span span, String model) {
      this.span = span;
      this.model = model;
    }

    @Override
    public Scope enter() {
      io.opentelemetry.context.Scope scope = Context.current().with(span).makeCurrent();
      return scope::close;
    }

    @Override
    public void ended(AttemptEnd end) {
      if (!ended.compareAndSet(false, true)) {
        return;
      }
      Usage usage = end.usage();
      if (usage.promptTokens() > 0 || usage.completionTokens() > 0) {
        span.setAttribute(INPUT_TOKENS, usage.promptTokens());
        span.setAttribute(OUTPUT_TOKENS, usage.completionTokens());
        if (usage.cachedTokens() > 0) {
          span.setAttribute(CACHE_READ_TOKENS, usage.cachedTokens());
        }
        if (usage.cacheWriteTokens() > 0) {
          span.setAttribute(CACHE_WRITE_TOKENS, usage.cacheWriteTokens());
        }
        if (usage.reasoningTokens() > 0) {
          span.setAttribute(REASONING_TOKENS, usage.reasoningTokens());
        }
      }
      if (end.finishReason() != null) {
        span.setAttribute(FINISH_REASONS, List.of(end.finishReason().wireName()));
      }
      if (end.responseId() != null) {
        span.setAttribute(RESPONSE_ID, end.responseId());
      }
      if (end.error() == null) {
        span.setAttribute(RESPONSE_MODEL, end.responseModel() != null ? end.responseModel() : model);
      } else {
        span.setAttribute(ERROR_TYPE, end.error());
        span.setStatus(StatusCode.ERROR, end.error());
      }
      span.end();
    }
  }

  /**
   * The GenAI conventions' name of the provider: their well-known value where the instance is one
   * ({@code openai}, {@code anthropic}, {@code gcp.gemini}, {@code x_ai}, …), else the protocol's own name.
   */
  static String providerName(String instance, ProviderKind kind) {
    return kind.genAiProviderName(instance);
  }

  /** {@code server.address} and {@code server.port} of the instance's base URL (never its user info or path). */
  private static void address(@Nullable String baseUrl, AttributesBuilder a) {
    if (baseUrl == null) {
      return;
    }
    try {
      URI uri = URI.create(baseUrl);
      if (uri.getHost() == null) {
        return;
      }
      a.put(SERVER_ADDRESS, uri.getHost());
      int port = uri.getPort() != -1 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
      a.put(SERVER_PORT, (long) port);
    } catch (IllegalArgumentException e) {
      // an address that is not a URI has no parts to show
    }
  }
}

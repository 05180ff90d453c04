package io.modelgate.provider.http;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import okhttp3.Call;
import okhttp3.EventListener;
import okhttp3.Interceptor;
import okhttp3.Request;

/**
 * Sends the W3C trace context ({@code traceparent}, {@code tracestate}) of the attempt that makes an upstream
 * request: the trace context current on the thread that creates the call is kept by the call's event listener
 * (made as the call is), which tags the call with it when it starts, and the interceptor puts it on the request —
 * on whatever thread sends it (the drivers read streams on a thread of their own). With no span current (tracing
 * off) nothing is kept or added. Stateless and thread-safe.
 */
final class TraceContext {
  private TraceContext() {}

  /** Keeps the current trace context with each new call; it listens to nothing else. */
  static EventListener.Factory capturing() {
    return call -> {
      Context context = Context.current();
      return Span.fromContext(context).getSpanContext().isValid() ? new Keeping(context) : EventListener.NONE;
    };
  }

  /** Tags its call, as it starts, with the trace context current where the call was made. */
  private static final class Keeping extends EventListener {
    private final Context context;

    Keeping(Context context) {
      this.context = context;
    }

    @Override
    public void callStart(Call call) {
      call.tag(Context.class, () -> context);
    }
  }

  /** Puts the kept trace context on the request, replacing any the request carried. */
  static Interceptor injecting() {
    return chain -> {
      Call call = chain.call();
      Context context = call.tag(Context.class);
      if (context == null) {
        return chain.proceed(chain.request());
      }
      Request.Builder request = chain.request().newBuilder();
      W3CTraceContextPropagator.getInstance().inject(context, request, (r, name, value) -> {
        if (r != null) {
          r.header(name, value);
        }
      });
      return chain.proceed(request.build());
    };
  }
}

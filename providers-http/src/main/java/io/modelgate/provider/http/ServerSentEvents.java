package io.modelgate.provider.http;

import java.io.IOException;
import java.util.Objects;
import okhttp3.MediaType;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okhttp3.sse.EventSource;
import okhttp3.sse.EventSourceListener;
import okhttp3.sse.EventSources;
import okio.Buffer;
import okio.BufferedSource;
import okio.ForwardingSource;
import okio.Okio;
import okio.Source;
import org.jspecify.annotations.Nullable;

/**
 * Reads a streamed answer's server-sent events with okhttp-sse ({@link EventSources#processResponse}) on the
 * calling thread — the library's parser, not one of ours: {@code data:} lines joined, comments ({@code : keep-alive},
 * {@code : OPENROUTER PROCESSING}) and {@code id:}/{@code retry:} skipped. One leniency is ours: a body that ends
 * cleanly right after an event's last line, without the closing blank line, still delivers that event (Anthropic's
 * recorded SDK fixtures end so, and the hand-written readers this replaces allowed it); a body cut mid-line delivers
 * the broken line, which its protocol then rejects. Stateless and thread-safe.
 */
public final class ServerSentEvents {
  private static final MediaType EVENT_STREAM = MediaType.get("text/event-stream");

  /** What to do with each event. */
  @FunctionalInterface
  public interface Handler {
    /**
     * One event: its {@code event:} name (null when it had none) and its data. Returns false to stop reading; a
     * runtime exception (a malformed event, an error the provider sent) stops reading and is rethrown by
     * {@link #read}.
     */
    boolean onEvent(@Nullable String type, String data);
  }

  private ServerSentEvents() {}

  /**
   * Reads the successful {@code response}'s body to its end, or until {@code handler} stops, and closes it.
   *
   * @return true when the body ended, false when the handler stopped first
   * @throws IOException when reading failed (a reset, a timeout, a cancelled call)
   */
  public static boolean read(Response response, Handler handler) throws IOException {
    Objects.requireNonNull(handler, "'handler' must not be null");
    Listener listener = new Listener(handler);
    // The body as an event stream, whatever content type the server named, with its last event closed; once the
    // handler has stopped, the parser sees the end, and closing the body reads what is left of it (a closing chunk,
    // briefly) so that the connection goes back to the pool instead of being torn down.
    BufferedSource source = Okio.buffer(new ClosingLastEvent(response.body().source(), listener));
    Response events = response.newBuilder().body(ResponseBody.create(source, EVENT_STREAM, -1)).build();
    EventSources.processResponse(events, listener);
    if (listener.thrown instanceof RuntimeException e) {
      throw e;
    }
    if (listener.thrown instanceof Error e) {
      throw e;
    }
    if (listener.thrown != null) {
      throw listener.thrown instanceof IOException e ? e : new IOException(listener.thrown);
    }
    return !listener.stopped;
  }

  /** At the clean end of the body, a blank line: it ends an event still open and is ignored otherwise. */
  private static final class ClosingLastEvent extends ForwardingSource {
    private final Listener listener;
    private boolean closed;

    ClosingLastEvent(Source delegate, Listener listener) {
      super(delegate);
      this.listener = listener;
    }

    @Override
    public long read(Buffer sink, long byteCount) throws IOException {
      if (listener.stopped) {
        return -1;
      }
      long read = super.read(sink, byteCount);
      if (read == -1 && !closed) {
        closed = true;
        sink.writeUtf8("\n\n");
        return 2;
      }
      return read;
    }
  }

  /** Called on the reading thread only. */
  private static final class Listener extends EventSourceListener {
    private final Handler handler;
    private boolean stopped;
    private @Nullable Throwable thrown;

    Listener(Handler handler) {
      this.handler = handler;
    }

    @Override
    public void onEvent(EventSource source, @Nullable String id, @Nullable String type, String data) {
      if (stopped) {
        return;
      }
      try {
        if (!handler.onEvent(type, data)) {
          // The protocol's end (OpenAI's [DONE], a terminal event): the server ends the body next, so the call is
          // not cancelled, which would close a connection that can serve the next call. (A consumer that leaves
          // early cancels the call itself.)
          stopped = true;
        }
      } catch (RuntimeException | Error e) {
        thrown = e;
        stopped = true;
        source.cancel();
      }
    }

    @Override
    public void onFailure(EventSource source, @Nullable Throwable t, @Nullable Response response) {
      if (!stopped) { // once stopped, the "canceled" the library reports is our own doing
        thrown = t != null ? t : new IOException("the event stream failed");
      }
    }
  }
}

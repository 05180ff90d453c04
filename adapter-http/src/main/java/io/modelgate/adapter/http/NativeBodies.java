package io.modelgate.adapter.http;

import java.lang.reflect.Field;
import java.nio.ByteBuffer;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Large bodies that are sent again and again (a prepared model list of megabytes), each copied once into native
 * memory and written to sockets from there. A socket copies a heap array into a temporary native buffer on every
 * write: for a 2.8 MB list that copy was about a quarter of the CPU of serving it. The last {@link #KEPT} bodies are
 * kept, by their entity tag (which names their bytes); a body dropped from them is freed as soon as no send holds it,
 * so native memory stays bounded by what is kept and what is being sent. Thread-safe.
 */
final class NativeBodies {
  private static final Logger LOG = LoggerFactory.getLogger(NativeBodies.class);
  /** How many bodies are kept: the lists in use at once (a few endpoints and caller views). */
  static final int KEPT = 4;

  /** A native copy and how many hold it: the map while it is kept, and each send in progress. */
  private static final class Body {
    final ByteBuffer memory;
    int holds = 1;

    Body(byte[] bytes) {
      memory = ByteBuffer.allocateDirect(bytes.length).put(bytes).flip();
    }
  }

  private final Map<String, Body> kept = new LinkedHashMap<>(8, 0.75f, true); // guarded by this
  private int freed; // guarded by this

  /** One send's hold on a body: its bytes to write, released by {@link #close}. */
  final class Lease implements AutoCloseable {
    private final Body body;
    private final ByteBuffer bytes;
    private boolean closed;

    private Lease(Body body) {
      this.body = body;
      this.bytes = body.memory.duplicate();
    }

    /** The body, positioned at its start; this lease's own view. */
    ByteBuffer bytes() {
      return bytes;
    }

    @Override
    public void close() {
      if (!closed) {
        closed = true;
        release(body);
      }
    }
  }

  /**
   * A hold on the native copy of {@code bytes} (tagged {@code tag}), made now if it is not kept; the send must close
   * it when its write has ended.
   */
  Lease lease(String tag, byte[] bytes) {
    Body dropped = null;
    Lease lease;
    synchronized (this) {
      Body body = kept.get(tag);
      if (body == null) {
        body = new Body(bytes);
        kept.put(tag, body);
        if (kept.size() > KEPT) {
          Iterator<Body> eldest = kept.values().iterator();
          dropped = eldest.next();
          eldest.remove();
        }
      }
      body.holds++;
      lease = new Lease(body);
    }
    if (dropped != null) {
      release(dropped);
    }
    return lease;
  }

  /** How many bodies are kept now. */
  synchronized int size() {
    return kept.size();
  }

  /** Whether the body tagged {@code tag} is kept now. */
  synchronized boolean keeps(String tag) {
    return kept.containsKey(tag);
  }

  /** How many bodies were freed so far. */
  synchronized int freed() {
    return freed;
  }

  private void release(Body body) {
    boolean free;
    synchronized (this) {
      free = --body.holds == 0;
      if (free) {
        freed++;
      }
    }
    if (free) {
      free(body.memory);
    }
  }

  /**
   * Gives the memory back now rather than after the collector finds the buffer unreachable: a buffer that lived long
   * enough to reach the old generation would otherwise hold its megabytes until a full collection.
   */
  private static void free(ByteBuffer memory) {
    try {
      Field field = Class.forName("sun.misc.Unsafe").getDeclaredField("theUnsafe");
      field.setAccessible(true);
      Object unsafe = field.get(null);
      unsafe.getClass().getMethod("invokeCleaner", ByteBuffer.class).invoke(unsafe, memory);
    } catch (ReflectiveOperationException | RuntimeException e) {
      LOG.debug("a native body is left to the collector: {}", e.toString());
    }
  }
}

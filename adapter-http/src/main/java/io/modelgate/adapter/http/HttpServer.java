package io.modelgate.adapter.http;

import io.modelgate.adapter.http.Http1Framing.Malformed;
import io.modelgate.adapter.http.Http1Framing.Request;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The service's HTTP/1.1 server. One virtual thread per connection reads a request head strictly
 * ({@link Http1Framing}: what could desync a proxy in front of us is refused with 400 and a close), hands the
 * {@link Exchange} to the {@link Handler} on that same thread, and loops for the next request once the response is
 * written. HTTP/1.0 clients are answered in HTTP/1.0 and their connection closed; {@code Connection: close} from
 * either side ends the connection after the response. On shutdown it stops accepting at once and lets each
 * connection finish the request it is serving; every response from then on closes its connection.
 *
 * <p>Thread-safe.
 */
final class HttpServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(HttpServer.class);
  /**
   * Each connection's read buffer: a request head fits (most are well under 2 KB); bodies are read through it.
   * Responses are not buffered per connection: each is written in one write, a stream chunk by chunk.
   */
  private static final int READ_BUFFER = 4 * 1024;

  /** Serves one exchange on the connection's thread; a thrown {@link IOException} closes the connection. */
  @FunctionalInterface
  interface Handler {
    void serve(Exchange exchange) throws IOException;
  }

  /**
   * Listens through a channel so that each connection's socket has one: its stream writes a large body (a prepared
   * model list of megabytes) in one system call, where a plain {@link Socket}'s writes at most 128 KB per call.
   */
  private final ServerSocketChannel listener;
  private final Set<Connection> open = ConcurrentHashMap.newKeySet();
  private volatile boolean draining;
  /** How long, and how much of what a client still sends, a closing connection reads and drops. */
  private static final Duration LINGER = Duration.ofSeconds(2);
  private static final long LINGER_BYTES = 1 << 20;
  private volatile Stamp date = new Stamp(0, "");
  private final NativeBodies nativeBodies = new NativeBodies();

  /** The {@code Date} of responses sent within one second. */
  private record Stamp(long second, String text) {}

  private HttpServer(ServerSocketChannel listener) {
    this.listener = listener;
  }

  /**
   * Binds {@code host}:{@code port} (a blank host: every interface; port 0: a free one); connections wait in the
   * backlog until {@link #start}.
   *
   * @throws BindException naming the address when it is taken or not ours
   */
  static HttpServer bind(String host, int port) throws IOException {
    ServerSocketChannel listener = ServerSocketChannel.open();
    try {
      InetSocketAddress address = host.isBlank() ? new InetSocketAddress(port)
          : new InetSocketAddress(InetAddress.getByName(host), port);
      listener.bind(address, 1024);
    } catch (IOException e) {
      listener.close();
      BindException named = new BindException("cannot listen on " + (host.isBlank() ? "port " + port
          : host + ":" + port) + ": " + e.getMessage());
      named.initCause(e);
      throw named;
    }
    return new HttpServer(listener);
  }

  /** Starts accepting, each request served by {@code handler}. */
  void start(Handler handler) {
    Thread.ofVirtual().name("modelgate-accept").start(() -> accept(handler));
  }

  int port() {
    return listener.socket().getLocalPort();
  }

  /** The large bodies this server sends from native memory. */
  NativeBodies nativeBodies() {
    return nativeBodies;
  }

  /** Whether responses from now on close their connection (the server is stopping). */
  boolean draining() {
    return draining;
  }

  /** Now, as a {@code Date} header says it. */
  String date() {
    long now = System.currentTimeMillis() / 1000;
    Stamp stamp = date;
    if (stamp.second() != now) {
      stamp = new Stamp(now, DateTimeFormatter.RFC_1123_DATE_TIME.format(
          ZonedDateTime.ofInstant(Instant.ofEpochSecond(now), ZoneOffset.UTC)));
      date = stamp;
    }
    return stamp.text();
  }

  private void accept(Handler handler) {
    while (listener.isOpen()) {
      Socket client;
      try {
        client = listener.accept().socket();
      } catch (IOException e) {
        if (listener.isOpen()) {
          LOG.warn("accepting a connection failed: {}", e.toString());
        }
        continue;
      }
      Connection connection = new Connection(client);
      open.add(connection);
      Thread.ofVirtual().name("modelgate-conn").start(() -> connection.serve(handler));
    }
  }

  /**
   * Stops accepting connections. Open ones stay (a load balancer may still ask whether we are ready, and hear
   * no); each response from now on says {@code Connection: close} and closes its connection.
   */
  void drain() {
    draining = true;
    try {
      listener.close();
    } catch (IOException e) {
      LOG.debug("closing the listener: {}", e.toString());
    }
  }

  /** Waits until no connection is in the middle of a request or response, at most {@code timeout}. */
  boolean awaitIdle(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (open.stream().anyMatch(c -> c.busy)) {
      if (System.nanoTime() - deadline > 0) {
        return false;
      }
      Thread.sleep(20);
    }
    return true;
  }

  /** Stops accepting and closes every connection now. */
  @Override
  public void close() {
    drain();
    for (Connection c : open) {
      c.close();
    }
  }

  /** One client connection. */
  private final class Connection {
    private final Socket socket;
    private volatile boolean busy;

    Connection(Socket socket) {
      this.socket = socket;
    }

    void serve(Handler handler) {
      try {
        socket.setTcpNoDelay(true); // each flush of a stream leaves at once, not after the client's delayed ACK
        ConnectionInput in = new ConnectionInput(socket.getInputStream(), READ_BUFFER);
        OutputStream out = socket.getOutputStream();
        while (in.peek() != -1) {
          busy = true;
          Request head;
          try {
            head = Http1Framing.readRequest(in);
          } catch (Malformed e) {
            refuse(out, e);
            return;
          }
          if (head == null) {
            return;
          }
          Exchange exchange = new Exchange(head, in, out, socket.getChannel(), HttpServer.this);
          handler.serve(exchange);
          if (!exchange.finish()) {
            return; // anything after it on this connection is not read
          }
          busy = false;
        }
      } catch (Exchange.Dropped e) {
        LOG.warn(e.getMessage());
      } catch (IOException | UncheckedIOException e) {
        LOG.debug("a connection ended: {}", e.toString());
      } catch (RuntimeException e) {
        LOG.error("serving a connection failed", e);
      } finally {
        closeLingering();
      }
    }

    /**
     * Closes after the last response: our side ends first, then what the client still sends (a body too large to
     * read, refused with 413) is read and dropped until it ends, for at most {@link #LINGER} and
     * {@link #LINGER_BYTES}. Closing with unread bytes would reset the connection, and a client still writing its
     * body would lose the answer already sent to it.
     */
    private void closeLingering() {
      try {
        if (!socket.isClosed() && !socket.isOutputShutdown()) {
          socket.shutdownOutput();
          long deadline = System.nanoTime() + LINGER.toNanos();
          InputStream in = socket.getInputStream();
          byte[] dropped = new byte[4096];
          for (long read = 0; read < LINGER_BYTES; ) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
              break;
            }
            socket.setSoTimeout((int) Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            int n = in.read(dropped);
            if (n < 0) {
              break;
            }
            read += n;
          }
        }
      } catch (IOException e) {
        // the client is gone or slow: close now
      } finally {
        close();
      }
    }

    private static void refuse(OutputStream out, Malformed refusal) throws IOException {
      String reason = switch (refusal.status()) {
        case 431 -> "Request Header Fields Too Large";
        case 505 -> "HTTP Version Not Supported";
        default -> "Bad Request";
      };
      String message = refusal.getMessage().replace("\\", "\\\\").replace("\"", "\\\"");
      byte[] body = ("{\"error\":{\"message\":\"" + message + "\",\"type\":\"invalid_request_error\","
          + "\"code\":\"bad_request\",\"param\":null}}").getBytes(StandardCharsets.UTF_8);
      String head = "HTTP/1.1 " + refusal.status() + " " + reason + "\r\nContent-Type: application/json\r\n"
          + "Content-Length: " + body.length + "\r\nConnection: close\r\n\r\n";
      out.write(Exchange.concat(head.getBytes(StandardCharsets.ISO_8859_1), body));
      out.flush();
    }

    void close() {
      busy = false;
      open.remove(this);
      try {
        socket.close();
      } catch (IOException e) {
        // closing: nothing left to do
      }
    }
  }

  /**
   * A connection's input, buffered without locking (one thread reads it); {@link #peek} waits for the next request
   * without taking its first byte.
   */
  static final class ConnectionInput extends InputStream {
    private final InputStream in;
    private final byte[] buffer;
    private int pos;
    private int limit;

    ConnectionInput(InputStream in, int size) {
      this.in = in;
      this.buffer = new byte[size];
    }

    /** The next byte without taking it; -1 at the end of the stream. */
    int peek() throws IOException {
      if (pos == limit && !fill()) {
        return -1;
      }
      return buffer[pos] & 0xff;
    }

    private boolean fill() throws IOException {
      int n = in.read(buffer, 0, buffer.length);
      if (n <= 0) {
        return false;
      }
      pos = 0;
      limit = n;
      return true;
    }

    @Override
    public int read() throws IOException {
      if (pos == limit && !fill()) {
        return -1;
      }
      return buffer[pos++] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (len == 0) {
        return 0;
      }
      if (pos == limit) {
        if (len >= buffer.length) {
          return in.read(b, off, len); // a large read goes straight through
        }
        if (!fill()) {
          return -1;
        }
      }
      int n = Math.min(len, limit - pos);
      System.arraycopy(buffer, pos, b, off, n);
      pos += n;
      return n;
    }

    @Override
    public int available() throws IOException {
      return limit - pos + (pos == limit ? in.available() : 0);
    }
  }
}

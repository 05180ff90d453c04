package io.modelgate.adapter.http;

import io.modelgate.adapter.http.Http1Framing.Body;
import io.modelgate.adapter.http.Http1Framing.Field;
import io.modelgate.adapter.http.Http1Framing.Malformed;
import io.modelgate.adapter.http.Http1Framing.Request;
import io.modelgate.adapter.http.Http1Framing.Response;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The listening socket, in front of Helidon (which listens on loopback only): it reads each request head strictly
 * ({@link Http1Framing}) and refuses what could desync a proxy with 400 and a close; it answers HTTP/1.0 clients
 * in HTTP/1.0 (Helidon 4 refuses them with 505); and it closes the connection after a response when the request
 * or the response said {@code Connection: close} (Helidon 4.5 announces it and keeps the socket open,
 * helidon-io/helidon#12324). On shutdown it stops accepting at once and lets each connection finish the request it
 * is serving, closing idle ones.
 *
 * <p>Thread-safe; one virtual thread reads each connection's requests, another writes its responses.
 */
final class FrontDoor implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(FrontDoor.class);

  private final ServerSocket listener;
  private final Set<Connection> open = ConcurrentHashMap.newKeySet();
  private volatile int backendPort = -1;
  private volatile boolean draining;

  private FrontDoor(ServerSocket listener) {
    this.listener = listener;
  }

  /**
   * Binds {@code host}:{@code port} (a blank host: every interface; port 0: a free one); connections wait in the
   * backlog until {@link #start}.
   *
   * @throws BindException naming the address when it is taken or not ours
   */
  static FrontDoor bind(String host, int port) throws IOException {
    ServerSocket listener = new ServerSocket();
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
    return new FrontDoor(listener);
  }

  /** Starts accepting, forwarding each connection to Helidon on the loopback {@code backendPort}. */
  void start(int backendPort) {
    this.backendPort = backendPort;
    Thread.ofVirtual().name("modelgate-accept").start(this::accept);
  }

  int port() {
    return listener.getLocalPort();
  }

  private void accept() {
    while (!listener.isClosed()) {
      Socket client;
      try {
        client = listener.accept();
      } catch (IOException e) {
        if (!listener.isClosed()) {
          LOG.warn("accepting a connection failed: {}", e.toString());
        }
        continue;
      }
      Connection connection = new Connection(client);
      open.add(connection);
      Thread.ofVirtual().name("modelgate-conn").start(connection::readRequests);
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
    while (open.stream().anyMatch(c -> !c.idle())) {
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

  /** What the response writer needs to know of each request, in order; a {@link Refusal} ends the queue. */
  private sealed interface Pending {}

  private record Forwarded(String method, boolean http10, boolean close) implements Pending {}

  private record Refusal(int status, String message) implements Pending {}

  private record End() implements Pending {}

  /** Writing to Helidon failed. */
  private static final class BackendGone extends IOException {
    BackendGone(IOException cause) {
      super(cause);
    }
  }

  /** Helidon's side of a connection, telling its write failures apart from the client's read failures. */
  private static final class BackendOut extends java.io.FilterOutputStream {
    BackendOut(OutputStream out) {
      super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      try {
        out.write(b, off, len);
      } catch (IOException e) {
        throw new BackendGone(e);
      }
    }

    @Override
    public void flush() throws IOException {
      try {
        out.flush();
      } catch (IOException e) {
        throw new BackendGone(e);
      }
    }
  }

  /** One client connection and its own connection to Helidon. */
  private final class Connection {
    private final Socket client;
    private @Nullable Socket backend;
    private final LinkedBlockingQueue<Pending> pending = new LinkedBlockingQueue<>();
    private final Object lock = new Object();
    private int unanswered;
    private boolean reading;
    private boolean closed;

    Connection(Socket client) {
      this.client = client;
    }

    void readRequests() {
      try {
        client.setTcpNoDelay(true);
        Socket upstream = new Socket(InetAddress.getLoopbackAddress(), backendPort);
        upstream.setTcpNoDelay(true);
        synchronized (lock) {
          backend = upstream;
          if (closed) {
            upstream.close();
            return;
          }
        }
        Thread.ofVirtual().name("modelgate-conn-out").start(() -> writeResponses(upstream));
        InputStream in = new BufferedInputStream(client.getInputStream(), 16 * 1024);
        OutputStream out = new BufferedOutputStream(new BackendOut(upstream.getOutputStream()), 16 * 1024);
        while (true) {
          in.mark(1);
          if (in.read() == -1) {
            pending.add(new End());
            return;
          }
          in.reset();
          synchronized (lock) {
            if (closed) {
              return;
            }
            reading = true;
          }
          Request request;
          try {
            request = Http1Framing.readRequest(in);
          } catch (Malformed e) {
            pending.add(new Refusal(e.status(), e.getMessage()));
            return;
          }
          if (request == null) {
            pending.add(new End());
            return;
          }
          synchronized (lock) {
            unanswered++;
          }
          pending.add(new Forwarded(request.method(), request.http10(), request.close()));
          forward(request, in, out);
          synchronized (lock) {
            reading = false;
          }
          if (request.close()) {
            return; // anything after it on this connection is not read
          }
        }
      } catch (Malformed e) {
        pending.add(new Refusal(e.status(), e.getMessage()));
      } catch (BackendGone e) {
        // Helidon stopped reading (it answered early, e.g. 413, and closes): let its answer through, then close.
        pending.add(new End());
      } catch (IOException | UncheckedIOException e) {
        LOG.debug("a connection ended: {}", e.toString());
        close();
      }
    }

    private void forward(Request request, InputStream in, OutputStream out) throws IOException, Malformed {
      List<Field> fields = new ArrayList<>(request.fields().size() + 2);
      for (Field f : request.fields()) {
        if (request.http10() && (f.is("Connection") || f.is("Keep-Alive") || f.is("Expect"))) {
          continue;
        }
        fields.add(f);
      }
      if (request.http10()) {
        if (!request.hasHost()) {
          fields.add(new Field("Host", "localhost"));
        }
        fields.add(new Field("Connection", "close"));
      }
      Http1Framing.writeHead(out, request.method() + " " + request.target() + " HTTP/1.1", fields);
      Http1Framing.flushIfIdle(in, out);
      if (request.body() == Body.LENGTH) {
        Http1Framing.copyLength(in, out, request.length());
      } else if (request.body() == Body.CHUNKED) {
        Http1Framing.copyChunked(in, out, false);
      }
      out.flush();
    }

    private void writeResponses(Socket upstream) {
      try {
        InputStream in = new BufferedInputStream(upstream.getInputStream(), 16 * 1024);
        OutputStream out = new BufferedOutputStream(client.getOutputStream(), 16 * 1024);
        while (true) {
          Pending next = pending.take();
          if (next instanceof Refusal refusal) {
            refuse(out, refusal);
            return;
          }
          if (!(next instanceof Forwarded request)) {
            return;
          }
          Response response = Http1Framing.readResponse(in, request.method());
          while (response.interim()) {
            if (!request.http10()) {
              Http1Framing.writeHead(out, statusLine("HTTP/1.1", response), response.fields());
              out.flush();
            }
            response = Http1Framing.readResponse(in, request.method());
          }
          boolean close = request.close() || response.close() || draining
              || response.body() == Body.UNTIL_CLOSE;
          List<Field> fields = new ArrayList<>(response.fields().size() + 1);
          for (Field f : response.fields()) {
            boolean chunkedFor10 = request.http10() && f.is("Transfer-Encoding");
            if (!chunkedFor10 && !(close && f.is("Connection"))) {
              fields.add(f);
            }
          }
          if (close) {
            fields.add(new Field("Connection", "close"));
          }
          Http1Framing.writeHead(out, statusLine(request.http10() ? "HTTP/1.0" : "HTTP/1.1", response), fields);
          Http1Framing.flushIfIdle(in, out);
          switch (response.body()) {
            case LENGTH -> Http1Framing.copyLength(in, out, response.length());
            case CHUNKED -> Http1Framing.copyChunked(in, out, request.http10());
            case UNTIL_CLOSE -> Http1Framing.copyToEnd(in, out);
            case NONE -> { }
          }
          out.flush();
          if (close) {
            return;
          }
          synchronized (lock) {
            unanswered--;
          }
        }
      } catch (IOException | Malformed | UncheckedIOException e) {
        LOG.debug("a response could not be relayed: {}", e.toString());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        close();
      }
    }

    private static String statusLine(String version, Response response) {
      return version + " " + response.status() + (response.reason().isEmpty() ? "" : " " + response.reason());
    }

    private void refuse(OutputStream out, Refusal refusal) throws IOException {
      String reason = switch (refusal.status()) {
        case 431 -> "Request Header Fields Too Large";
        case 505 -> "HTTP Version Not Supported";
        default -> "Bad Request";
      };
      String message = refusal.message().replace("\\", "\\\\").replace("\"", "\\\"");
      byte[] body = ("{\"error\":{\"message\":\"" + message + "\",\"type\":\"invalid_request_error\","
          + "\"code\":\"bad_request\",\"param\":null}}").getBytes(StandardCharsets.UTF_8);
      Http1Framing.writeHead(out, "HTTP/1.1 " + refusal.status() + " " + reason, List.of(
          new Field("Content-Type", "application/json"),
          new Field("Content-Length", Integer.toString(body.length)),
          new Field("Connection", "close")));
      out.write(body);
      out.flush();
    }

    /** Whether it serves no request now. */
    boolean idle() {
      synchronized (lock) {
        return closed || (!reading && unanswered == 0);
      }
    }

    void close() {
      Socket upstream;
      synchronized (lock) {
        if (closed) {
          return;
        }
        closed = true;
        upstream = backend;
      }
      quietly(client);
      if (upstream != null) {
        quietly(upstream);
      }
      pending.add(new End());
      open.remove(this);
    }

    private static void quietly(Socket socket) {
      try {
        socket.close();
      } catch (IOException e) {
        // closing: nothing left to do
      }
    }
  }

}

package io.modelgate.provider.testkit;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A real HTTP/1.1 upstream on loopback that keeps connections alive but closes any connection idle longer than
 * {@code idleCloseMillis} — what Node, uvicorn/vLLM and many proxies do after a few seconds. Each request is
 * answered by {@code answer} (given {@code "METHOD /path"}) and recorded, so a test can assert how many requests
 * reached the upstream. For tests only.
 */
public final class IdleClosingServer implements AutoCloseable {
  /** One answer: status, content type and body, sent with a Content-Length and kept alive. */
  public record Answer(int status, String contentType, String body) {}

  private final ServerSocket socket;
  private final int idleCloseMillis;
  private final Function<String, Answer> answer;
  private final List<String> requests = new CopyOnWriteArrayList<>();
  private final List<Socket> open = new CopyOnWriteArrayList<>();
  private final Thread acceptor;

  public IdleClosingServer(int idleCloseMillis, Function<String, Answer> answer) throws IOException {
    this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    this.idleCloseMillis = idleCloseMillis;
    this.answer = answer;
    this.acceptor = Thread.ofVirtual().name("idle-closing-server").start(this::acceptLoop);
  }

  /** {@code http://127.0.0.1:<port>} + {@code path}. */
  public String url(String path) {
    return "http://127.0.0.1:" + socket.getLocalPort() + path;
  }

  /** Every request that reached this server, as {@code "METHOD /path"}, in order. */
  public List<String> requests() {
    return List.copyOf(requests);
  }

  private void acceptLoop() {
    while (!socket.isClosed()) {
      try {
        Socket connection = socket.accept();
        open.add(connection);
        Thread.ofVirtual().start(() -> serve(connection));
      } catch (IOException e) {
        return;
      }
    }
  }

  private void serve(Socket connection) {
    try (connection) {
      connection.setSoTimeout(idleCloseMillis);
      InputStream in = new BufferedInputStream(connection.getInputStream());
      OutputStream out = connection.getOutputStream();
      while (true) {
        String head;
        try {
          head = readHead(in);
        } catch (SocketTimeoutException idle) {
          return; // idle too long: close, as the servers this imitates do
        }
        if (head == null) {
          return;
        }
        String[] lines = head.split("\r\n");
        String[] requestLine = lines[0].split(" ");
        int length = 0;
        for (String line : lines) {
          if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
            length = Integer.parseInt(line.substring("content-length:".length()).strip());
          }
        }
        in.readNBytes(length);
        String request = requestLine[0] + " " + requestLine[1];
        requests.add(request);
        Answer a = answer.apply(request);
        byte[] body = a.body().getBytes(StandardCharsets.UTF_8);
        out.write(("HTTP/1.1 " + a.status() + " X\r\nContent-Type: " + a.contentType() + "\r\nContent-Length: "
            + body.length + "\r\nConnection: keep-alive\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.flush();
      }
    } catch (IOException e) {
      // the client went away
    } finally {
      open.remove(connection);
    }
  }

  /** The request line and headers up to the blank line, or null at a clean end of the connection. */
  private static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int b;
    int matched = 0;
    while ((b = in.read()) != -1) {
      head.write(b);
      matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
      if (matched == 4) {
        return head.toString(StandardCharsets.US_ASCII);
      }
    }
    return null;
  }

  @Override
  public void close() throws IOException {
    socket.close();
    for (Socket s : open) {
      s.close();
    }
    acceptor.interrupt();
  }
}

package io.modelgate.provider.http;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketException;
import javax.net.SocketFactory;
import org.jspecify.annotations.Nullable;

/**
 * Upstream sockets whose long read timeouts are left to Okio's watchdog. OkHttp arms two guards for every read: the
 * socket's {@code SO_TIMEOUT}, and an Okio timeout that closes the socket when it passes. On a virtual thread the first
 * is a timed park, which schedules a task with the JDK's delay scheduler and cancels it when the answer comes: two
 * wakes of that scheduler's thread on every call's way (on a one-core gateway, context switches each). These sockets
 * keep the first read timeout set on them (OkHttp's, while it connects and shakes hands for TLS, where no Okio
 * timeout watches), and take a later one of a second or more (each exchange's) as none: the Okio timeout of the same
 * length (its watchdog paced by {@link WatchdogPacer}) ends a stalled read instead, and the call fails with a
 * {@link java.net.SocketTimeoutException} as before. Shorter timeouts always stay on the socket ({@link SafeRetry}'s
 * 1 ms look at an idle connection needs one).
 */
final class WatchdogTimedSockets extends SocketFactory {
  /** Read timeouts from this long are left to the Okio timeout. */
  static final int OKIO_FROM_MILLIS = 1_000;

  @Override
  public Socket createSocket() {
    return new WatchdogTimedSocket();
  }

  @Override
  public Socket createSocket(String host, int port) throws IOException {
    return connected(new InetSocketAddress(host, port), null);
  }

  @Override
  public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
    return connected(new InetSocketAddress(host, port), new InetSocketAddress(localHost, localPort));
  }

  @Override
  public Socket createSocket(InetAddress host, int port) throws IOException {
    return connected(new InetSocketAddress(host, port), null);
  }

  @Override
  public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
      throws IOException {
    return connected(new InetSocketAddress(address, port), new InetSocketAddress(localAddress, localPort));
  }

  private Socket connected(SocketAddress remote, @Nullable SocketAddress local) throws IOException {
    Socket socket = createSocket();
    if (local != null) {
      socket.bind(local);
    }
    socket.connect(remote);
    return socket;
  }

  private static final class WatchdogTimedSocket extends Socket {
    private boolean connecting = true;

    @Override
    public synchronized void setSoTimeout(int timeout) throws SocketException {
      boolean first = connecting;
      connecting = false;
      super.setSoTimeout(timeout >= OKIO_FROM_MILLIS && !first ? 0 : timeout);
    }
  }
}

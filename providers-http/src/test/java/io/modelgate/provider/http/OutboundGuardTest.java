package io.modelgate.provider.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelgate.core.model.ProviderInstance;
import io.modelgate.core.model.ProviderKind;
import io.modelgate.core.provider.OutboundPolicy;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import javax.net.SocketFactory;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.Dns;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A member's provider at connection time: a name that resolves to loopback is never connected to, a redirect to a
 * private address is not followed, and a provider at a public address works — shown with a fake DNS that maps a
 * public-looking name to a public address, and a socket factory that carries that address to the loopback server.
 */
class OutboundGuardTest {
  private static final String PUBLIC_NAME = "api.public-provider.example";
  private static final InetAddress PUBLIC_ADDRESS = address("93.184.216.34");

  private final MockWebServer server = new MockWebServer();
  private final MockWebServer internal = new MockWebServer();

  @BeforeEach
  void start() throws IOException {
    server.start();
    internal.start();
  }

  @AfterEach
  void stop() throws IOException {
    server.close();
    internal.close();
  }

  private static InetAddress address(String literal) {
    try {
      return InetAddress.getByName(literal);
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The shared client as a driver holds it, with the fake DNS and the public address carried to loopback. */
  private OkHttpClient shared() {
    Dns fake = host -> switch (host) {
      case PUBLIC_NAME -> List.of(PUBLIC_ADDRESS);
      case "rebinding.example" -> List.of(address("127.0.0.1"));
      default -> Dns.SYSTEM.lookup(host);
    };
    SocketFactory loopbackForPublic = new SocketFactory() {
      @Override
      public Socket createSocket() {
        return new Socket() {
          @Override
          public void connect(SocketAddress endpoint, int timeout) throws IOException {
            InetSocketAddress target = (InetSocketAddress) endpoint;
            super.connect(target.getAddress().equals(PUBLIC_ADDRESS)
                ? new InetSocketAddress(InetAddress.getLoopbackAddress(), target.getPort()) : target, timeout);
          }
        };
      }

      @Override
      public Socket createSocket(String host, int port) {
        throw new UnsupportedOperationException();
      }

      @Override
      public Socket createSocket(String host, int port, InetAddress local, int localPort) {
        throw new UnsupportedOperationException();
      }

      @Override
      public Socket createSocket(InetAddress host, int port) {
        throw new UnsupportedOperationException();
      }

      @Override
      public Socket createSocket(InetAddress address, int port, InetAddress local, int localPort) {
        throw new UnsupportedOperationException();
      }
    };
    return ProviderHttp.newClient().newBuilder().dns(fake).socketFactory(loopbackForPublic).build();
  }

  private OkHttpClient guarded(String allowed) {
    ProviderInstance member = ProviderInstance.builder("alice-lab", ProviderKind.OPENAI_COMPATIBLE)
        .options(Map.of(OutboundPolicy.OPTION, OutboundPolicy.PUBLIC_ONLY, OutboundPolicy.ALLOWED_OPTION, allowed))
        .build();
    return ProviderHttp.forInstance(shared(), member);
  }

  private static Response get(OkHttpClient client, String url) throws IOException {
    return client.newCall(new Request.Builder().url(url).build()).execute();
  }

  @Test
  void aProviderAtAPublicAddressWorks() throws IOException {
    server.enqueue(new MockResponse.Builder().body("{\"data\":[]}").build());
    try (Response r = get(guarded(""), "http://" + PUBLIC_NAME + ":" + server.getPort() + "/v1/models")) {
      assertThat(r.code()).isEqualTo(200);
    }
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void aNameResolvingToLoopbackIsNeverConnectedTo() {
    assertThatThrownBy(() -> get(guarded(""), "http://rebinding.example:" + internal.getPort() + "/v1/models"))
        .isInstanceOf(UnknownHostException.class).hasMessageNotContaining("127.0.0.1");
    assertThat(internal.getRequestCount()).isZero();
  }

  @Test
  void literalLoopbackAndMetadataAddressesAreRefused() {
    for (String host : List.of("127.0.0.1", "[::1]", "169.254.169.254", "0.0.0.0")) {
      assertThatThrownBy(() -> get(guarded(""), "http://" + host + ":" + internal.getPort() + "/"))
          .as(host).isInstanceOf(IOException.class);
    }
    assertThat(internal.getRequestCount()).isZero();
  }

  @Test
  void aRedirectToAPrivateAddressIsNotFollowed() {
    server.enqueue(new MockResponse.Builder().code(302)
        .setHeader("Location", "http://127.0.0.1:" + internal.getPort() + "/secret").build());
    assertThatThrownBy(() -> get(guarded(""), "http://" + PUBLIC_NAME + ":" + server.getPort() + "/v1/models"))
        .isInstanceOf(IOException.class);
    assertThat(server.getRequestCount()).isEqualTo(1);
    assertThat(internal.getRequestCount()).isZero();
  }

  @Test
  void anAllowedNetworkIsReachable() throws IOException {
    internal.enqueue(new MockResponse.Builder().body("ok").build());
    try (Response r = get(guarded("127.0.0.0/8"), "http://127.0.0.1:" + internal.getPort() + "/")) {
      assertThat(r.code()).isEqualTo(200);
    }
  }

  @Test
  void anUnguardedProviderIsUnchanged() throws IOException {
    internal.enqueue(new MockResponse.Builder().body("ok").build());
    ProviderInstance shared = ProviderInstance.builder("team", ProviderKind.OPENAI_COMPATIBLE).build();
    try (Response r = get(ProviderHttp.forInstance(shared(), shared), "http://127.0.0.1:" + internal.getPort() + "/")) {
      assertThat(r.code()).isEqualTo(200);
    }
  }
}

package io.modelgate.provider.http;

import io.modelgate.core.model.ProviderInstance;
import io.modelgate.core.provider.OutboundPolicy;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;
import okhttp3.Connection;
import okhttp3.Dns;
import okhttp3.OkHttpClient;

/**
 * {@link OutboundPolicy} at connection time, for an instance it guards: the DNS answer is filtered before OkHttp
 * connects (so a name that resolves, or later re-resolves, to a private address is never connected to), and every
 * connection a request is about to use — the first one, a redirect's, a literal address's — is checked once more
 * before a byte is sent. A refusal is an {@link UnknownHostException} without detail, so a member learns nothing of
 * what is behind the gateway.
 */
final class OutboundGuard {
  private OutboundGuard() {}

  static boolean guards(ProviderInstance instance) {
    return OutboundPolicy.PUBLIC_ONLY.equals(instance.option(OutboundPolicy.OPTION, ""));
  }

  static OkHttpClient.Builder apply(OkHttpClient.Builder builder, Dns dns, ProviderInstance instance) {
    List<OutboundPolicy.Cidr> allowed = OutboundPolicy.parse(instance.option(OutboundPolicy.ALLOWED_OPTION, ""),
        "the provider's allowed networks");
    return builder
        .dns(host -> {
          List<InetAddress> permitted;
          try {
            permitted = OutboundPolicy.addressesOf(host, name -> lookup(dns, name)).stream()
                .filter(a -> OutboundPolicy.permits(a, allowed)).toList();
          } catch (UnknownHostException e) {
            throw refused();
          }
          if (permitted.isEmpty()) {
            throw refused();
          }
          return permitted;
        })
        .addNetworkInterceptor(chain -> {
          Connection connection = chain.connection();
          InetSocketAddress target = connection == null ? null : connection.route().socketAddress();
          if (target == null || target.getAddress() == null
              || !OutboundPolicy.permits(target.getAddress(), allowed)) {
            throw refused();
          }
          return chain.proceed(chain.request());
        });
  }

  private static UnknownHostException refused() {
    return new UnknownHostException("the provider's address is not allowed by the outbound policy");
  }

  /** {@link Dns#lookup} with a failed lookup as an empty answer. */
  private static List<InetAddress> lookup(Dns dns, String host) {
    try {
      return dns.lookup(host);
    } catch (UnknownHostException e) {
      return List.of();
    }
  }
}

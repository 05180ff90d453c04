package io.modelgate.core.provider;

import io.modelgate.core.error.InvalidRequestException;
import io.modelgate.core.model.ProviderInstance;
import jakarta.inject.Singleton;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Which addresses the gateway may connect to on behalf of a provider that a member created (or, with
 * {@code MODELGATE_OUTBOUND_POLICY=all}, any provider): public ones only. Loopback, private (RFC 1918, ULA),
 * link-local (the cloud metadata address among them), multicast, unspecified and other special-use addresses are
 * refused, in IPv4 and IPv6 alike, IPv4-mapped and -compatible forms included, unless an admin allows a range in
 * {@code MODELGATE_ALLOWED_PRIVATE_NETWORKS} (comma-separated CIDRs, for home nodes on a LAN). The protocol modules
 * check every address they connect to (and every redirect) against it, so DNS rebinding cannot slip through.
 * Immutable, thread-safe.
 */
@Singleton
public final class OutboundPolicy {
  /** The instance option that marks a provider whose connections this policy guards. */
  public static final String OPTION = "outbound";
  /** {@link #OPTION}'s value: public addresses only (plus the allowed networks). */
  public static final String PUBLIC_ONLY = "public-only";
  /** The option that carries the allowed private networks to the protocol modules, comma-separated CIDRs. */
  public static final String ALLOWED_OPTION = "outbound_allowed";

  private final boolean all;
  private final List<Cidr> allowed;

  /**
   * The policy {@code MODELGATE_OUTBOUND_POLICY} and {@code MODELGATE_ALLOWED_PRIVATE_NETWORKS} in {@code env}
   * describe (the app reads them once, in its configuration).
   *
   * @throws IllegalArgumentException naming the variable that is wrong
   */
  public OutboundPolicy(Map<String, String> env) {
    String scope = env.getOrDefault("MODELGATE_OUTBOUND_POLICY", "members").strip();
    if (!scope.equals("members") && !scope.equals("all") && !scope.isEmpty()) {
      throw new IllegalArgumentException("MODELGATE_OUTBOUND_POLICY must be 'members' or 'all', was '" + scope + "'");
    }
    this.all = scope.equals("all");
    this.allowed = parse(env.getOrDefault("MODELGATE_ALLOWED_PRIVATE_NETWORKS", ""),
        "MODELGATE_ALLOWED_PRIVATE_NETWORKS");
  }

  /** Whether connections for {@code instance} are guarded. */
  public boolean guards(ProviderInstance instance) {
    return all || PUBLIC_ONLY.equals(instance.option(OPTION, ""));
  }

  /** {@code instance} carrying what the protocol modules need to guard its connections, if it is guarded. */
  public ProviderInstance stamp(ProviderInstance instance) {
    if (!guards(instance)) {
      return instance;
    }
    Map<String, String> options = new java.util.HashMap<>(instance.options());
    options.put(OPTION, PUBLIC_ONLY);
    options.put(ALLOWED_OPTION, String.join(",", allowed.stream().map(Cidr::text).toList()));
    return instance.newBuilder().options(options).build();
  }

  /**
   * Refuses a base URL whose host is, or resolves to, an address the policy does not permit (checked again at
   * every connection). {@code resolve} is the DNS lookup.
   */
  public void checkBaseUrl(@Nullable String baseUrl, Function<String, List<InetAddress>> resolve) {
    if (baseUrl == null || baseUrl.isBlank()) {
      return;
    }
    String host;
    try {
      host = URI.create(baseUrl.strip()).getHost();
    } catch (IllegalArgumentException e) {
      throw new InvalidRequestException("'base_url' is not a URL", "base_url");
    }
    if (host == null || host.isBlank()) {
      throw new InvalidRequestException("'base_url' has no host", "base_url");
    }
    List<InetAddress> addresses;
    try {
      addresses = addressesOf(host, resolve);
    } catch (UnknownHostException e) {
      throw new InvalidRequestException("'base_url' names a host that does not resolve", "base_url");
    }
    for (InetAddress a : addresses) {
      if (!permits(a, allowed)) {
        throw new InvalidRequestException("'base_url' points to a loopback, private, link-local or other "
            + "non-public address, which providers you create may not use (an admin can allow a network with "
            + "MODELGATE_ALLOWED_PRIVATE_NETWORKS)", "base_url");
      }
    }
  }

  /**
   * The addresses {@code host} stands for: a numeric host read as inet_aton reads it (decimal {@code 2130706433},
   * octal {@code 0177.0.0.1}, hex, one to four parts) as well as Java reads it, else what {@code resolve} says.
   */
  public static List<InetAddress> addressesOf(String host, Function<String, List<InetAddress>> resolve)
      throws UnknownHostException {
    String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    List<InetAddress> out = new ArrayList<>();
    byte[] aton = inetAton(h);
    if (aton != null) {
      out.add(InetAddress.getByAddress(h, aton));
    }
    if (h.contains(":") || h.matches("[0-9.]+")) {
      try {
        out.add(InetAddress.getByName(h));
      } catch (UnknownHostException | IllegalArgumentException e) {
        // not a literal Java reads: inet_aton's reading above stands
      }
      if (!out.isEmpty()) {
        return out;
      }
    }
    if (aton != null) {
      return out;
    }
    List<InetAddress> resolved = resolve.apply(h);
    if (resolved == null || resolved.isEmpty()) {
      throw new UnknownHostException(h);
    }
    return resolved;
  }

  /** Whether a connection to {@code address} is allowed, given the allowed networks. */
  public static boolean permits(InetAddress address, List<Cidr> allowed) {
    return isPublic(address) || allowed.stream().anyMatch(c -> c.contains(address));
  }

  /** Whether {@code address} is a public unicast address (not loopback, private, link-local, special-use...). */
  public static boolean isPublic(InetAddress address) {
    InetAddress a = unmapped(address);
    if (a.isAnyLocalAddress() || a.isLoopbackAddress() || a.isLinkLocalAddress() || a.isSiteLocalAddress()
        || a.isMulticastAddress()) {
      return false;
    }
    byte[] b = a.getAddress();
    if (a instanceof Inet4Address) {
      int o0 = b[0] & 0xff;
      int o1 = b[1] & 0xff;
      return !(o0 == 0 || o0 == 10 || o0 == 127 || o0 >= 224 // this network, private, loopback, multicast/reserved
          || (o0 == 100 && (o1 & 0xc0) == 64)                // carrier-grade NAT 100.64/10
          || (o0 == 169 && o1 == 254)                         // link-local, cloud metadata
          || (o0 == 172 && (o1 & 0xf0) == 16)
          || (o0 == 192 && o1 == 168)
          || (o0 == 192 && o1 == 0 && (b[2] & 0xff) == 0)    // IETF protocol assignments
          || (o0 == 198 && (o1 & 0xfe) == 18));               // benchmarking 198.18/15
    }
    int first = b[0] & 0xff;
    return !((first & 0xfe) == 0xfc                           // unique local fc00::/7 (fd00:ec2::254 among them)
        || (first == 0xfe && (b[1] & 0xc0) == 0xc0)           // site-local fec0::/10
        || (first == 0x20 && (b[1] & 0xff) == 0x02)           // 6to4 2002::/16 may wrap a private IPv4
        || (first == 0x00 && allZero(b, 1, 10)));             // ::/8 family other than mapped (handled above)
  }

  /** The IPv4 address inside an IPv4-mapped ({@code ::ffff:a.b.c.d}) or -compatible IPv6 address, else itself. */
  private static InetAddress unmapped(InetAddress address) {
    if (address instanceof Inet6Address) {
      byte[] b = address.getAddress();
      boolean mapped = allZero(b, 0, 10) && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
      boolean compatible = allZero(b, 0, 12) && !allZero(b, 12, 16) && !(allZero(b, 12, 15) && b[15] == 1);
      if (mapped || compatible) {
        try {
          return InetAddress.getByAddress(Arrays.copyOfRange(b, 12, 16));
        } catch (UnknownHostException e) {
          throw new IllegalStateException(e);
        }
      }
    }
    return address;
  }

  private static boolean allZero(byte[] b, int from, int to) {
    for (int i = from; i < to; i++) {
      if (b[i] != 0) {
        return false;
      }
    }
    return true;
  }

  /** inet_aton's reading of a numeric IPv4 host (1-4 parts, each decimal, octal or hex); null if not numeric. */
  static byte @Nullable [] inetAton(String host) {
    String[] parts = host.split("\\.", -1);
    if (parts.length < 1 || parts.length > 4) {
      return null;
    }
    long[] values = new long[parts.length];
    for (int i = 0; i < parts.length; i++) {
      String p = parts[i].toLowerCase(java.util.Locale.ROOT);
      try {
        if (p.matches("0x[0-9a-f]+")) {
          values[i] = Long.parseLong(p.substring(2), 16);
        } else if (p.matches("0[0-7]*")) {
          values[i] = p.length() == 1 ? 0 : Long.parseLong(p.substring(1), 8);
        } else if (p.matches("[1-9][0-9]*")) {
          values[i] = Long.parseLong(p);
        } else {
          return null;
        }
      } catch (NumberFormatException e) {
        return null;
      }
    }
    long value = 0;
    int n = values.length;
    for (int i = 0; i < n - 1; i++) {
      if (values[i] > 255) {
        return null;
      }
      value |= values[i] << (8 * (3 - i));
    }
    long last = values[n - 1];
    if (last >= (1L << (8 * (5 - n)))) {
      return null;
    }
    value |= last;
    return new byte[] {(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value};
  }

  /** Parses comma-separated CIDRs; an invalid one is refused naming {@code source}. */
  public static List<Cidr> parse(String cidrs, String source) {
    List<Cidr> out = new ArrayList<>();
    for (String c : cidrs.split(",")) {
      if (!c.isBlank()) {
        out.add(Cidr.parse(c.strip(), source));
      }
    }
    return List.copyOf(out);
  }

  /** A network: an address and a prefix length. */
  public record Cidr(byte[] network, int prefix, String text) {
    static Cidr parse(String text, String source) {
      int slash = text.indexOf('/');
      try {
        InetAddress address = InetAddress.getByName(slash < 0 ? text : text.substring(0, slash));
        byte[] bytes = address.getAddress();
        int prefix = slash < 0 ? bytes.length * 8 : Integer.parseInt(text.substring(slash + 1));
        if (prefix < 0 || prefix > bytes.length * 8 || !text.matches("[0-9a-fA-F.:]+(/\\d+)?")) {
          throw new IllegalArgumentException();
        }
        return new Cidr(bytes, prefix, text);
      } catch (UnknownHostException | IllegalArgumentException e) {
        throw new IllegalArgumentException(source + " must be CIDRs such as 192.168.1.0/24, was '" + text + "'");
      }
    }

    boolean contains(InetAddress address) {
      byte[] a = unmapped(address).getAddress();
      if (a.length != network.length) {
        return false;
      }
      for (int bit = 0; bit < prefix; bit++) {
        int mask = 0x80 >>> (bit % 8);
        if ((a[bit / 8] & mask) != (network[bit / 8] & mask)) {
          return false;
        }
      }
      return true;
    }
  }
}

package io.modelgate.core.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelgate.core.error.InvalidRequestException;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OutboundPolicyTest {
  private static final Function<String, List<InetAddress>> FAKE_DNS = host -> {
    try {
      return switch (host) {
        case "rebind.example" -> List.of(InetAddress.getByName("127.0.0.1"));
        case "metadata.example" -> List.of(InetAddress.getByName("93.184.216.34"),
            InetAddress.getByName("169.254.169.254"));
        case "api.public.example" -> List.of(InetAddress.getByName("93.184.216.34"));
        case "box.lan" -> List.of(InetAddress.getByName("192.168.1.20"));
        default -> List.of();
      };
    } catch (java.net.UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  };

  private final OutboundPolicy policy = new OutboundPolicy(Map.of());

  @ParameterizedTest
  @ValueSource(strings = {"http://127.0.0.1:5432", "http://127.0.0.1:1", "http://[::1]:8080/v1", "http://0.0.0.0:80",
      "http://169.254.169.254/latest/meta-data", "http://2130706433/", "http://0177.0.0.1/", "http://0x7f000001/",
      "http://127.1/", "http://[::ffff:127.0.0.1]/", "http://[::ffff:10.0.0.1]/", "http://[fd00:ec2::254]/",
      "http://10.0.0.9:8000/v1", "http://172.16.0.1/", "http://192.168.1.1/", "http://100.64.0.1/",
      "http://224.0.0.1/", "http://[fe80::1]/", "http://localhost:11434", "http://rebind.example/v1",
      "http://metadata.example/v1", "http://nowhere.example/"})
  void aMembersBaseUrlAtANonPublicAddressIsRefusedNamingTheField(String url) {
    assertThatThrownBy(() -> policy.checkBaseUrl(url, FAKE_DNS)).isInstanceOf(InvalidRequestException.class)
        .satisfies(e -> assertThat(((InvalidRequestException) e).param()).isEqualTo("base_url"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"https://api.public.example/v1", "http://93.184.216.34/", "http://[2606:4700::1111]/"})
  void publicAddressesAreAllowed(String url) {
    policy.checkBaseUrl(url, FAKE_DNS);
  }

  @Test
  void anAdminMayAllowALan() {
    OutboundPolicy lan = new OutboundPolicy(Map.of("MODELGATE_ALLOWED_PRIVATE_NETWORKS", "192.168.1.0/24, fd12::/16"));
    lan.checkBaseUrl("http://box.lan:11434", FAKE_DNS);
    lan.checkBaseUrl("http://[fd12::5]:11434", FAKE_DNS);
    assertThatThrownBy(() -> lan.checkBaseUrl("http://192.168.2.1/", FAKE_DNS))
        .isInstanceOf(InvalidRequestException.class);
    assertThatThrownBy(() -> lan.checkBaseUrl("http://127.0.0.1/", FAKE_DNS))
        .isInstanceOf(InvalidRequestException.class);
  }

  @Test
  void aBadNetworkIsRefusedNamingTheVariable() {
    assertThatThrownBy(() -> new OutboundPolicy(Map.of("MODELGATE_ALLOWED_PRIVATE_NETWORKS", "192.168.1.0/99")))
        .hasMessageContaining("MODELGATE_ALLOWED_PRIVATE_NETWORKS").hasMessageContaining("192.168.1.0/99");
    assertThatThrownBy(() -> new OutboundPolicy(Map.of("MODELGATE_OUTBOUND_POLICY", "some")))
        .hasMessageContaining("MODELGATE_OUTBOUND_POLICY");
  }

  @Test
  void inetAtonReadsEveryNumericSpelling() throws Exception {
    byte[] loopback = InetAddress.getByName("127.0.0.1").getAddress();
    for (String spelling : List.of("2130706433", "0177.0.0.1", "0x7f.1", "127.1", "0x7f000001", "017700000001")) {
      assertThat(OutboundPolicy.inetAton(spelling)).as(spelling).isEqualTo(loopback);
    }
    assertThat(OutboundPolicy.inetAton("api.example")).isNull();
  }
}

package io.modelgate.core.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelgate.core.Modelgate;
import io.modelgate.core.catalog.DiscoveryRequest;
import io.modelgate.core.chat.ChatEvent;
import io.modelgate.core.chat.ChatRequest;
import io.modelgate.core.chat.ChatResponse;
import io.modelgate.core.chat.EmbeddingRequest;
import io.modelgate.core.chat.SamplingOptions;
import io.modelgate.core.chat.FinishReason;
import io.modelgate.core.gateway.GatewayChat;
import io.modelgate.core.model.ModelCategory;
import io.modelgate.core.model.ModelId;
import io.modelgate.core.model.ModelStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DemoDriverTest {
  @Test
  void aFreshDemoGatewayCanChatAtOnce() {
    Modelgate modelgate = Modelgate.demo();
    modelgate.discovery().discover(DiscoveryRequest.ALL);
    assertThat(modelgate.catalog().find(ModelId.parse("demo:echo"), ModelCategory.TEXT).orElseThrow().status())
        .isEqualTo(ModelStatus.ENABLED);
    GatewayChat call = modelgate.gateway().stream(ChatRequest.of("demo:echo", "Hello there, world!"));
    List<String> deltas = new ArrayList<>();
    ChatEvent event;
    while (!(event = call.stream().next()).terminal()) {
      if (event instanceof ChatEvent.TextDelta d) {
        deltas.add(d.text());
      }
    }
    assertThat(String.join("", deltas)).isEqualTo("Echo: Hello there, world!");
    assertThat(deltas).containsExactly("Echo", ":", " Hello", " there", ",", " world", "!");
    ChatEvent.Completed done = (ChatEvent.Completed) event;
    assertThat(done.usage().completionTokens()).isEqualTo(deltas.size());
    assertThat(done.usage().promptTokens()).isEqualTo(DemoDriver.tokens("Hello there, world!").size());
  }

  @Test
  void theReplyIsDeterministicAndMaxTokensCutsItWithLength() {
    Modelgate modelgate = Modelgate.demo();
    modelgate.discovery().discover(DiscoveryRequest.ALL);
    ChatRequest request = ChatRequest.of(null, "one two three four");
    assertThat(modelgate.gateway().chat(request).value().text())
        .isEqualTo(modelgate.gateway().chat(request).value().text());
    ChatResponse cut = modelgate.gateway().chat(request.newBuilder()
        .sampling(SamplingOptions.DEFAULTS.withMaxTokens(2)).build()).value();
    assertThat(cut.finishReason()).isEqualTo(FinishReason.LENGTH);
    assertThat(cut.usage().completionTokens()).isEqualTo(2);
  }

  @Test
  void embeddingsAreStableAndNormalised() {
    Modelgate modelgate = Modelgate.demo();
    modelgate.discovery().discover(DiscoveryRequest.ALL);
    var a = modelgate.gateway().embed(EmbeddingRequest.of("demo:embed", "hello world", "hello world")).value();
    assertThat(a.vectors()).hasSize(2);
    assertThat(a.vectors().get(0)).containsExactly(a.vectors().get(1));
    double norm = 0;
    for (float x : a.vectors().get(0)) {
      norm += x * x;
    }
    assertThat(norm).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-5));
  }

  @Test
  void theDemoCanBeSwitchedOffByConfiguration() {
    assertThat(new DemoDriver().fromEnvironment(Map.of("MODELGATE_DEMO", "off"))).isEmpty();
    assertThat(new DemoDriver().fromEnvironment(Map.of())).hasSize(1);
  }
}

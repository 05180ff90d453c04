package io.modelgate.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link Router}: the endpoint table's order, path parameters, the last one taking the rest, HEAD as GET. */
class RouterTest {
  private static Endpoint endpoint(Method method, String path) {
    return new Endpoint(method, path, Endpoint.Access.PUBLIC, "t", "s", call -> { });
  }

  private final Endpoint models = endpoint(Method.GET, "/v1/models");
  private final Endpoint model = endpoint(Method.GET, "/v1/models/{id}");
  private final Endpoint orgModels = endpoint(Method.GET, "/api/organizations/{id}/models");
  private final Endpoint special = endpoint(Method.GET, "/api/organizations/mine/models");
  private final Endpoint delete = endpoint(Method.DELETE, "/v1/models/{id}");
  private final Router router = new Router(List.of(models, model, orgModels, special, delete));

  @Test
  void aParameterAtTheEndTakesTheRestOfThePathRaw() {
    Router.Match m = router.match("GET", "/v1/models/openrouter:anthropic/claude-3.5%2Fsonnet");
    assertThat(m).isNotNull();
    assertThat(m.endpoint()).isSameAs(model);
    assertThat(m.parameters()).isEqualTo(Map.of("id", "openrouter:anthropic/claude-3.5%2Fsonnet"));
  }

  @Test
  void aParameterInsideThePathIsOneSegmentAndTheFirstMatchInTableOrderWins() {
    Router.Match m = router.match("GET", "/api/organizations/mine/models");
    assertThat(m.endpoint()).isSameAs(orgModels);
    assertThat(m.parameters()).isEqualTo(Map.of("id", "mine"));
    assertThat(router.match("GET", "/api/organizations/a/b/models")).isNull();
  }

  @Test
  void theMethodChoosesAmongTheSamePathAndHeadIsServedByGet() {
    assertThat(router.match("DELETE", "/v1/models/x").endpoint()).isSameAs(delete);
    assertThat(router.match("HEAD", "/v1/models").endpoint()).isSameAs(models);
    assertThat(router.match("POST", "/v1/models")).isNull();
    assertThat(router.match("GET", "/v1/models/")).isNull();
    assertThat(router.match("GET", "/v1/model")).isNull();
  }
}

package io.modelgate.provider.ollama;

import io.modelgate.core.model.Secret;
import org.jspecify.annotations.Nullable;

/** The conformance suite again, for a node behind a proxy: the key is sent as a bearer token on every call. */
class OllamaBehindProxyConformanceTest extends OllamaConformanceTest {
  @Override
  protected @Nullable Secret apiKey() {
    return Secret.of(FAKE_KEY);
  }

  @Override
  protected @Nullable String expectedAuthorization() {
    return "Bearer " + FAKE_KEY;
  }
}

package io.modelgate.provider.anthropic;

import io.modelgate.core.model.Secret;
import java.util.Objects;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.jspecify.annotations.Nullable;

/**
 * One Anthropic instance as HTTP: its client (with the instance's read timeout), its base URL without a version
 * path, and the headers every call carries ({@code x-api-key} when a key is given, {@code anthropic-version}).
 */
record AnthropicEndpoint(OkHttpClient client, HttpUrl baseUrl, @Nullable Secret apiKey) {
  static final String API_VERSION = "2023-06-01";
  static final MediaType JSON = Objects.requireNonNull(MediaType.parse("application/json"));

  AnthropicEndpoint {
    Objects.requireNonNull(client, "'client' must not be null");
    Objects.requireNonNull(baseUrl, "'baseUrl' must not be null");
  }

  /** {@code baseUrl} plus {@code path} (such as {@code v1/models}), ready for query parameters. */
  HttpUrl.Builder url(String path) {
    return baseUrl.newBuilder().addPathSegments(path);
  }

  Request.Builder request(HttpUrl url) {
    Request.Builder builder = new Request.Builder().url(url).header("anthropic-version", API_VERSION);
    if (apiKey != null) {
      builder.header("x-api-key", apiKey.reveal());
    }
    return builder;
  }

  Request get(HttpUrl url) {
    return request(url).get().header("Accept", "application/json").build();
  }

  Request postJson(HttpUrl url, String json, String accept) {
    return request(url).post(RequestBody.create(json, JSON)).header("Accept", accept).build();
  }
}

package io.modelgate.provider.ollama;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonEncodingException;
import io.modelgate.core.error.UpstreamUnavailableException;
import io.modelgate.core.model.Secret;
import java.io.IOException;
import okhttp3.Call;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.jspecify.annotations.Nullable;

/**
 * How this module talks to one node: its base URL, the client with the instance's timeouts, and the key, which goes
 * only in the {@code Authorization} header and only when one is set. Thread-safe.
 */
final class OllamaHttp {
  private static final MediaType JSON = MediaType.get("application/json");

  private final OkHttpClient client;
  private final HttpUrl baseUrl;
  private final @Nullable Secret apiKey;

  OllamaHttp(OkHttpClient client, HttpUrl baseUrl, @Nullable Secret apiKey) {
    this.client = client;
    this.baseUrl = baseUrl;
    this.apiKey = apiKey;
  }

  /** A new call for {@code path} ({@code api/tags}): a GET, or a POST of {@code body} as JSON. */
  <T> Call newCall(String path, @Nullable T body, @Nullable Class<T> bodyType) {
    HttpUrl url = baseUrl.newBuilder().addPathSegments(path).build();
    Request.Builder request = new Request.Builder().url(url).header("Accept", "application/json");
    if (apiKey != null) {
      request.header("Authorization", "Bearer " + apiKey.reveal());
    }
    if (body != null && bodyType != null) {
      String json = OllamaWire.MOSHI.adapter(bodyType).toJson(body);
      request.post(RequestBody.create(json, JSON));
    }
    return client.newCall(request.build());
  }

  /** GET {@code path} and read the JSON answer; failures are mapped by {@link OllamaErrors}. */
  <R> R get(String path, Class<R> responseType) {
    return execute(newCall(path, null, null), responseType);
  }

  /** POST {@code body} to {@code path} and read the JSON answer. */
  <T, R> R post(String path, T body, Class<T> bodyType, Class<R> responseType) {
    return execute(newCall(path, body, bodyType), responseType);
  }

  private <R> R execute(Call call, Class<R> responseType) {
    try (Response response = call.execute()) {
      if (!response.isSuccessful()) {
        throw OllamaErrors.fromResponse(response);
      }
      JsonAdapter<R> adapter = OllamaWire.MOSHI.adapter(responseType);
      R parsed;
      try {
        parsed = adapter.fromJson(response.body().source());
      } catch (JsonEncodingException | JsonDataException e) {
        throw new UpstreamUnavailableException(
            "Ollama answered " + call.request().url().encodedPath() + " with unreadable JSON: " + e.getMessage(),
            response.code(), null, e);
      }
      if (parsed == null) {
        throw new UpstreamUnavailableException(
            "Ollama answered " + call.request().url().encodedPath() + " with an empty body", response.code(), null,
            null);
      }
      return parsed;
    } catch (IOException e) {
      throw OllamaErrors.fromIo(e, false);
    }
  }
}

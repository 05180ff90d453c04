package io.modelgate.provider.gemini;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.Moshi;
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
import okhttp3.ResponseBody;
import org.jspecify.annotations.Nullable;

/**
 * One connected Gemini instance's HTTP side: URLs under {@code <base>/v1beta}, the key in the
 * {@code x-goog-api-key} header (never the URL), JSON in and out, and failures through {@link GeminiErrors}.
 */
final class GeminiApi {
  static final String KEY_HEADER = "x-goog-api-key";
  private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");

  private final OkHttpClient client;
  private final HttpUrl base;
  private final @Nullable Secret apiKey;
  private final Moshi moshi;
  private final GeminiErrors errors;

  GeminiApi(OkHttpClient client, HttpUrl base, @Nullable Secret apiKey, Moshi moshi) {
    this.client = client;
    this.base = base;
    this.apiKey = apiKey;
    this.moshi = moshi;
    this.errors = new GeminiErrors(moshi, apiKey);
  }

  Moshi moshi() {
    return moshi;
  }

  GeminiErrors errors() {
    return errors;
  }

  /** {@code <base>/v1beta/models}, for listing. */
  HttpUrl.Builder models() {
    return base.newBuilder().addPathSegments("v1beta/models");
  }

  /** {@code <base>/v1beta/models/<model>:<method>}; a {@code models/} prefix on the name is accepted. */
  HttpUrl.Builder modelMethod(String model, String method) {
    String name = model.startsWith("models/") ? model.substring("models/".length()) : model;
    return models().addPathSegment(name + ":" + method);
  }

  Call newCall(HttpUrl url, @Nullable Object body, @Nullable Class<?> bodyType) {
    Request.Builder request = new Request.Builder().url(url);
    if (apiKey != null) {
      request.header(KEY_HEADER, apiKey.reveal());
    }
    if (body != null && bodyType != null) {
      @SuppressWarnings("unchecked")
      JsonAdapter<Object> adapter = (JsonAdapter<Object>) moshi.adapter(bodyType);
      request.post(RequestBody.create(adapter.toJson(body), JSON));
    }
    return client.newCall(request.build());
  }

  /** GETs {@code url} and reads the JSON answer as {@code type}; throws a mapped ModelgateException. */
  <T> T get(HttpUrl url, Class<T> type) {
    return execute(newCall(url, null, null), type);
  }

  /** POSTs {@code body} as JSON and reads the answer as {@code type}; throws a mapped ModelgateException. */
  <T> T post(HttpUrl url, Object body, Class<T> type) {
    return execute(newCall(url, body, body.getClass()), type);
  }

  private <T> T execute(Call call, Class<T> type) {
    try (Response response = call.execute()) {
      ResponseBody body = response.body();
      String text = body.string();
      if (!response.isSuccessful()) {
        throw errors.fromResponse(response.code(), text, response.header("Retry-After"));
      }
      T value = moshi.adapter(type).fromJson(text);
      if (value == null) {
        throw new UpstreamUnavailableException("Gemini answered with an empty body", response.code(), null, null);
      }
      return value;
    } catch (JsonDataException | com.squareup.moshi.JsonEncodingException e) {
      throw new UpstreamUnavailableException("Gemini answered with malformed JSON: " + e.getMessage(), 200, null, e);
    } catch (IOException e) {
      throw errors.fromIo(e, false);
    }
  }
}

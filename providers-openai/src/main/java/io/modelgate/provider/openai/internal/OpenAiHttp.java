package io.modelgate.provider.openai.internal;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonReader;
import com.squareup.moshi.Moshi;
import io.modelgate.core.error.UpstreamUnavailableException;
import io.modelgate.core.model.ProviderInstance;
import io.modelgate.provider.http.ProviderHttp;
import io.modelgate.wire.RecordAdapters;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okio.Buffer;

/** HTTP plumbing every OpenAI-protocol driver shares: the client, its timeouts, URLs and plain JSON GETs. */
public final class OpenAiHttp {
  /** One Moshi for the protocol; immutable and thread-safe. Records go through {@link RecordAdapters}. */
  public static final Moshi MOSHI = new Moshi.Builder().addLast(new RecordAdapters()).build();

  private OpenAiHttp() {}

  /**
   * A new client ({@link ProviderHttp#newClient()}: default timeouts, no silent OkHttp retries, one safe retry of a
   * request the upstream never saw); a driver makes one and shares it across its instances.
   */
  public static OkHttpClient newSharedClient() {
    return ProviderHttp.newClient();
  }

  /** {@code shared} for one instance ({@link ProviderHttp#forInstance}: its read timeout, in ms). */
  public static OkHttpClient forInstance(OkHttpClient shared, ProviderInstance instance) {
    return ProviderHttp.forInstance(shared, instance);
  }

  /** {@code base} (with or without a trailing slash) with {@code path} appended: {@code …/v1} + {@code models}. */
  public static HttpUrl endpoint(String base, String path) {
    HttpUrl url = HttpUrl.parse(base);
    if (url == null) {
      throw new IllegalArgumentException("'baseUrl' is not a valid http(s) URL: '" + base + "'");
    }
    return url.newBuilder().addPathSegments(path).build();
  }

  /**
   * Sends {@code request} and returns the body of a successful answer; a refusal is thrown as the protocol's
   * exception, an I/O failure as unavailable or timed out.
   */
  public static String send(OkHttpClient client, Request request) {
    try (Response response = client.newCall(request).execute()) {
      if (!response.isSuccessful()) {
        throw OpenAiErrors.fromResponse(response);
      }
      return response.body().string();
    } catch (IOException e) {
      throw OpenAiErrors.fromIo(e, false);
    }
  }

  /**
   * The items of the array {@code field} of the JSON object {@code body}, each as its own raw JSON text (so a
   * model's metadata can be kept exactly as the provider sent it). A missing or null field gives an empty list.
   */
  static List<String> rawItems(String body, String field) {
    List<String> items = new ArrayList<>();
    try (JsonReader reader = JsonReader.of(new Buffer().writeUtf8(body))) {
      reader.beginObject();
      while (reader.hasNext()) {
        if (!reader.nextName().equals(field) || reader.peek() != JsonReader.Token.BEGIN_ARRAY) {
          reader.skipValue();
          continue;
        }
        reader.beginArray();
        while (reader.hasNext()) {
          try (var source = reader.nextSource()) {
            items.add(source.readUtf8());
          }
        }
        reader.endArray();
      }
      reader.endObject();
    } catch (IOException | RuntimeException e) {
      throw new UpstreamUnavailableException(
          "the provider's list is not the JSON expected: " + e.getMessage(), 200, null, e);
    }
    return items;
  }

  /** Parses {@code json} with {@code adapter}, or throws the protocol's "upstream sent garbage" error. */
  public static <T> T parse(JsonAdapter<T> adapter, String json) {
    try {
      T value = adapter.fromJson(json);
      if (value == null) {
        throw new IOException("null document");
      }
      return value;
    } catch (IOException | RuntimeException e) {
      throw new UpstreamUnavailableException(
          "the provider's answer is not the JSON expected: " + e.getMessage(), 200, null, e);
    }
  }
}

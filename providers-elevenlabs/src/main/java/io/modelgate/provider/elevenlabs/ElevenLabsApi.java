package io.modelgate.provider.elevenlabs;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import com.squareup.moshi.Types;
import io.modelgate.core.error.ModelgateException;
import io.modelgate.core.model.Secret;
import java.io.IOException;
import java.util.List;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.jspecify.annotations.Nullable;

/**
 * The HTTP side of one ElevenLabs connection: the key in the {@code xi-api-key} header (never in a URL), JSON
 * reads, and the one error mapping. Thread-safe.
 */
final class ElevenLabsApi {
  /** The most voice pages discovery follows, so a server that always says {@code has_more} cannot loop forever. */
  static final int MAX_VOICE_PAGES = 100;

  private static final MediaType JSON = MediaType.get("application/json");

  final Moshi moshi = new Moshi.Builder().build();
  final ElevenLabsErrors errors;
  private final OkHttpClient client;
  private final HttpUrl base;
  private final Headers headers;
  private final JsonAdapter<List<ElevenLabsWire.Model>> models =
      moshi.adapter(Types.newParameterizedType(List.class, ElevenLabsWire.Model.class));
  private final JsonAdapter<ElevenLabsWire.VoicesPage> voicesPage = moshi.adapter(ElevenLabsWire.VoicesPage.class);
  private final JsonAdapter<ElevenLabsWire.SpeechBody> speechBody = moshi.adapter(ElevenLabsWire.SpeechBody.class);

  ElevenLabsApi(OkHttpClient client, HttpUrl base, @Nullable Secret apiKey) {
    this.client = client;
    this.base = base;
    Headers.Builder h = new Headers.Builder().add("Accept", "application/json");
    if (apiKey != null) {
      h.add("xi-api-key", apiKey.reveal());
    }
    this.headers = h.build();
    this.errors = new ElevenLabsErrors(moshi, apiKey);
  }

  HttpUrl.Builder url(String path) {
    return base.newBuilder().addPathSegments(path);
  }

  Request get(HttpUrl url) {
    return new Request.Builder().url(url).headers(headers).get().build();
  }

  OkHttpClient client() {
    return client;
  }

  List<ElevenLabsWire.Model> models() {
    List<ElevenLabsWire.Model> list = read(url("v1/models").build(), models);
    return list == null ? List.of() : list;
  }

  /** Every voice, following {@code next_page_token} while {@code has_more}. */
  List<ElevenLabsWire.Voice> voices() {
    List<ElevenLabsWire.Voice> all = new java.util.ArrayList<>();
    String token = null;
    for (int page = 0; page < MAX_VOICE_PAGES; page++) {
      HttpUrl.Builder url = url("v2/voices").addQueryParameter("page_size", "100");
      if (token != null) {
        url.addQueryParameter("next_page_token", token);
      }
      ElevenLabsWire.VoicesPage read = read(url.build(), voicesPage);
      if (read == null) {
        break;
      }
      if (read.voices() != null) {
        all.addAll(read.voices());
      }
      token = read.nextPageToken();
      if (!Boolean.TRUE.equals(read.hasMore()) || token == null || token.isBlank()) {
        break;
      }
    }
    return List.copyOf(all);
  }

  /**
   * Starts {@code POST /v1/text-to-speech/{voice}/stream} and returns the open response: the audio is read as it
   * arrives. Throws the mapped exception when the call fails before the audio starts.
   */
  Response speak(String voiceId, String outputFormat, ElevenLabsWire.SpeechBody body) {
    HttpUrl url = url("v1/text-to-speech").addPathSegment(voiceId).addPathSegment("stream")
        .addQueryParameter("output_format", outputFormat).build();
    Request request = new Request.Builder().url(url).headers(headers).header("Accept", "audio/*")
        .post(RequestBody.create(speechBody.toJson(body), JSON)).build();
    Response response;
    try {
      response = client.newCall(request).execute();
    } catch (IOException e) {
      throw errors.fromIo(e, false);
    }
    if (!response.isSuccessful()) {
      try (response) {
        throw errors.fromResponse(response);
      }
    }
    return response;
  }

  private <T> @Nullable T read(HttpUrl url, JsonAdapter<T> adapter) {
    try (Response response = client.newCall(get(url)).execute()) {
      if (!response.isSuccessful()) {
        throw errors.fromResponse(response);
      }
      return adapter.fromJson(response.body().source());
    } catch (ModelgateException e) {
      throw e;
    } catch (com.squareup.moshi.JsonDataException e) {
      throw new io.modelgate.core.error.UpstreamUnavailableException(
          "ElevenLabs sent JSON of an unexpected shape: " + e.getMessage(), 200, null, e);
    } catch (IOException e) {
      throw errors.fromIo(e, false);
    }
  }
}

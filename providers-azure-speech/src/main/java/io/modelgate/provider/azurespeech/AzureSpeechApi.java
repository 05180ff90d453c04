package io.modelgate.provider.azurespeech;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.Moshi;
import com.squareup.moshi.Types;
import io.modelgate.core.error.UpstreamUnavailableException;
import io.modelgate.core.model.Secret;
import java.io.IOException;
import java.util.List;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.jspecify.annotations.Nullable;

/**
 * The HTTP side of one Azure AI Speech connection: the key in {@code Ocp-Apim-Subscription-Key} (never in a URL),
 * the voices list, and synthesis. Thread-safe.
 */
final class AzureSpeechApi {
  static final String USER_AGENT = "modelgate";
  private static final MediaType SSML = MediaType.get("application/ssml+xml; charset=utf-8");

  final Moshi moshi = new Moshi.Builder().build();
  final AzureSpeechErrors errors;
  private final OkHttpClient client;
  private final HttpUrl base;
  private final @Nullable Secret key;
  private final JsonAdapter<List<AzureSpeechWire.Voice>> voices =
      moshi.adapter(Types.newParameterizedType(List.class, AzureSpeechWire.Voice.class));

  AzureSpeechApi(OkHttpClient client, HttpUrl base, @Nullable Secret key) {
    this.client = client;
    this.base = base;
    this.key = key;
    this.errors = new AzureSpeechErrors(moshi, key);
  }

  private Request.Builder request(String path) {
    Request.Builder r = new Request.Builder().url(base.newBuilder().addPathSegments(path).build())
        .header("User-Agent", USER_AGENT);
    return key == null ? r : r.header("Ocp-Apim-Subscription-Key", key.reveal());
  }

  Request voicesRequest() {
    return request("cognitiveservices/voices/list").get().build();
  }

  OkHttpClient client() {
    return client;
  }

  List<AzureSpeechWire.Voice> voices() {
    try (Response response = client.newCall(voicesRequest()).execute()) {
      if (!response.isSuccessful()) {
        throw errors.fromResponse(response);
      }
      List<AzureSpeechWire.Voice> list = voices.fromJson(response.body().source());
      return list == null ? List.of() : list;
    } catch (JsonDataException e) {
      throw new UpstreamUnavailableException("Azure sent a voices list of an unexpected shape: " + e.getMessage(),
          200, null, e);
    } catch (IOException e) {
      throw errors.fromIo(e, false);
    }
  }

  /** Posts {@code ssml} for audio in {@code outputFormat}; returns the open response to stream the audio from. */
  Response synthesize(String ssml, String outputFormat) {
    Request request = request("cognitiveservices/v1").header("X-Microsoft-OutputFormat", outputFormat)
        .post(RequestBody.create(ssml, SSML)).build();
    Response response;
    try {
      response = client.newCall(request).execute();
    } catch (IOException e) {
      throw errors.fromIo(e, false);
    }
    if (response.isSuccessful()) {
      return response;
    }
    try (response) {
      throw errors.fromResponse(response);
    }
  }
}

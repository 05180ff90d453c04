package io.modelgate.provider.openai;

import com.squareup.moshi.JsonAdapter;
import io.modelgate.core.chat.SpeechAudio;
import io.modelgate.core.chat.SpeechRequest;
import io.modelgate.core.model.ModelCategory;
import io.modelgate.core.port.SpeechModel;
import io.modelgate.provider.openai.internal.OpenAiErrors;
import io.modelgate.provider.openai.internal.OpenAiHttp;
import java.io.IOException;
import java.util.List;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * {@code POST /v1/audio/speech}: the audio comes back as the response body streams, not buffered; the caller closes
 * the {@link SpeechAudio} to release the connection. Thread-safe.
 */
final class OpenAiSpeech implements SpeechModel {
  /** The built-in voices OpenAI documents for its TTS models (text-to-speech guide, "Voice options"). */
  static final List<String> VOICES =
      List.of("alloy", "ash", "ballad", "coral", "echo", "fable", "nova", "onyx", "sage", "shimmer", "verse");

  private static final JsonAdapter<OpenAiWire.SpeechRequest> REQUEST =
      OpenAiHttp.MOSHI.adapter(OpenAiWire.SpeechRequest.class);

  private final OkHttpClient client;
  private final HttpUrl url;
  private final Headers headers;

  OpenAiSpeech(OkHttpClient client, HttpUrl url, Headers headers) {
    this.client = client;
    this.url = url;
    this.headers = headers;
  }

  @Override
  public SpeechAudio speak(String model, SpeechRequest request) {
    String format = request.format() == null ? "mp3" : request.format();
    String body = REQUEST.toJson(
        new OpenAiWire.SpeechRequest(model, request.input(), request.voice(), format, request.speed()));
    Request http = new Request.Builder().url(url).headers(headers)
        .post(RequestBody.create(body, MediaType.get("application/json"))).build();
    Response response;
    try {
      response = client.newCall(http).execute();
    } catch (IOException e) {
      throw OpenAiErrors.fromIo(e, false);
    }
    if (!response.isSuccessful()) {
      try (response) {
        throw OpenAiErrors.fromResponse(response);
      }
    }
    String contentType = response.header("Content-Type", "audio/mpeg");
    // Closing the stream closes the response body, and with it the connection.
    return new SpeechAudio(contentType, response.body().byteStream());
  }

  @Override
  public List<String> voices(String model) {
    return ModelClassifier.classify(model).category() == ModelCategory.TTS ? VOICES : List.of();
  }
}

package io.modelgate.provider.openai;

import com.squareup.moshi.JsonAdapter;
import io.modelgate.core.chat.ImageRequest;
import io.modelgate.core.chat.ImageResponse;
import io.modelgate.core.chat.Usage;
import io.modelgate.core.error.InvalidRequestException;
import io.modelgate.core.model.Pricing;
import io.modelgate.core.model.ProviderKind;
import io.modelgate.core.port.ImageModel;
import io.modelgate.provider.http.ListPrices;
import io.modelgate.provider.openai.internal.OpenAiHttp;
import java.util.List;
import java.util.Locale;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.jspecify.annotations.Nullable;

/**
 * {@code POST /v1/images/generations}, for OpenAI and the compatible servers that implement it. The GPT image
 * models always answer in base64 and refuse {@code response_format}, so it is left out for them (and {@code url}
 * refused); DALL·E takes it as given. Thread-safe.
 */
final class OpenAiImages implements ImageModel {
  /**
   * Prices of the image models genai-prices lacks (the GPT image models come from it, per token, through the
   * curated list): DALL·E per image from providers-http's cited price list, as the catalog's per-request price,
   * which image models read as per image.
   */
  private static final ListPrices PRICES = ListPrices.load();

  private static final JsonAdapter<OpenAiWire.ImageRequest> REQUEST =
      OpenAiHttp.MOSHI.adapter(OpenAiWire.ImageRequest.class);
  private static final JsonAdapter<OpenAiWire.ImageResponse> RESPONSE =
      OpenAiHttp.MOSHI.adapter(OpenAiWire.ImageResponse.class);

  private final OkHttpClient client;
  private final HttpUrl url;
  private final Headers headers;

  OpenAiImages(OkHttpClient client, HttpUrl url, Headers headers) {
    this.client = client;
    this.url = url;
    this.headers = headers;
  }

  /** The curated price of image model {@code id}, or null when not known. */
  static @Nullable Pricing pricing(String id) {
    return PRICES.find(ProviderKind.OPENAI.wireName(), id.toLowerCase(Locale.ROOT)).orElse(null);
  }

  @Override
  public ImageResponse generate(String model, ImageRequest request) {
    String format = request.responseFormat();
    if (model.toLowerCase(Locale.ROOT).startsWith("gpt-image")) {
      if ("url".equals(format)) {
        throw new InvalidRequestException("'" + model + "' returns images as b64_json only", "response_format");
      }
      format = null;
    }
    String body = REQUEST.toJson(new OpenAiWire.ImageRequest(model, request.prompt(), request.n(), request.size(),
        request.quality(), request.style(), format));
    Request http = new Request.Builder().url(url).headers(headers)
        .post(RequestBody.create(body, MediaType.get("application/json"))).build();
    OpenAiWire.ImageResponse response = OpenAiHttp.parse(RESPONSE, OpenAiHttp.send(client, http));
    List<ImageResponse.Image> images = response.data() == null ? List.of() : response.data().stream()
        .map(d -> new ImageResponse.Image(d.url(), d.b64Json(), d.revisedPrompt())).toList();
    OpenAiWire.ImageUsage usage = response.usage();
    return new ImageResponse(response.created() == null ? 0 : response.created(), images, usage == null
        ? Usage.ZERO : Usage.of(orZero(usage.inputTokens()), orZero(usage.outputTokens())));
  }

  private static long orZero(@Nullable Long value) {
    return value == null ? 0 : value;
  }
}

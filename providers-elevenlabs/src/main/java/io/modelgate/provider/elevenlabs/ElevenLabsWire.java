package io.modelgate.provider.elevenlabs;

import com.squareup.moshi.Json;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** ElevenLabs' JSON, as its API reference documents it; public only so Moshi can read the records. */
final class ElevenLabsWire {
  private ElevenLabsWire() {}

  /** One entry of {@code GET /v1/models} (a bare JSON array). */
  public record Model(
      @Json(name = "model_id") String modelId,
      @Nullable String name,
      @Nullable String description,
      @Json(name = "can_do_text_to_speech") @Nullable Boolean canDoTextToSpeech,
      @Json(name = "max_characters_request_subscribed_user") @Nullable Integer maxCharacters,
      @Nullable List<Language> languages) {}

  public record Language(@Json(name = "language_id") String languageId, @Nullable String name) {}

  /** A page of {@code GET /v2/voices}. */
  public record VoicesPage(
      @Nullable List<Voice> voices,
      @Json(name = "has_more") @Nullable Boolean hasMore,
      @Json(name = "next_page_token") @Nullable String nextPageToken) {}

  /** A voice; {@code high_quality_base_model_ids} are the models that speak it (empty: any). */
  public record Voice(
      @Json(name = "voice_id") String voiceId,
      @Nullable String name,
      @Nullable String category,
      @Nullable Map<String, String> labels,
      @Json(name = "preview_url") @Nullable String previewUrl,
      @Json(name = "high_quality_base_model_ids") @Nullable List<String> modelIds) {}

  /** The body of {@code POST /v1/text-to-speech/{voice_id}/stream}. */
  public record SpeechBody(
      String text,
      @Json(name = "model_id") String modelId,
      @Json(name = "voice_settings") @Nullable VoiceSettings voiceSettings) {}

  public record VoiceSettings(@Nullable Double speed) {}

  /** What a voice looks like in a TTS model's catalog metadata. */
  public record CatalogVoice(
      @Json(name = "voice_id") String voiceId,
      @Nullable String name,
      @Nullable String category,
      Map<String, String> labels,
      @Json(name = "preview_url") @Nullable String previewUrl) {}

  /** A TTS model's catalog metadata: its languages, character limit and voices. */
  public record ModelMetadata(
      List<String> languages,
      @Json(name = "max_characters") @Nullable Integer maxCharacters,
      List<CatalogVoice> voices) {}
}

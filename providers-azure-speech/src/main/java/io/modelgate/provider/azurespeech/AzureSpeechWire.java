package io.modelgate.provider.azurespeech;

import com.squareup.moshi.Json;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Azure's JSON, as the Speech REST reference documents it; public only so Moshi can read the records. */
final class AzureSpeechWire {
  private AzureSpeechWire() {}

  /** One voice of {@code GET /cognitiveservices/voices/list} (a bare array, PascalCase fields). */
  public record Voice(
      @Json(name = "ShortName") String shortName,
      @Json(name = "DisplayName") @Nullable String displayName,
      @Json(name = "LocalName") @Nullable String localName,
      @Json(name = "Gender") @Nullable String gender,
      @Json(name = "Locale") @Nullable String locale,
      @Json(name = "LocaleName") @Nullable String localeName,
      @Json(name = "SecondaryLocaleList") @Nullable List<String> secondaryLocales,
      @Json(name = "StyleList") @Nullable List<String> styles,
      @Json(name = "RolePlayList") @Nullable List<String> roles,
      @Json(name = "SampleRateHertz") @Nullable String sampleRateHertz,
      @Json(name = "VoiceType") @Nullable String voiceType,
      @Json(name = "Status") @Nullable String status) {}

  /** A voice as a catalog model's metadata lists it. */
  public record CatalogVoice(
      String name,
      @Json(name = "display_name") @Nullable String displayName,
      @Nullable String gender,
      @Nullable String locale,
      @Json(name = "locale_name") @Nullable String localeName,
      @Json(name = "secondary_locales") List<String> secondaryLocales,
      List<String> styles,
      @Nullable String status) {}

  /** A voice type's catalog metadata: its locales and voices. */
  public record ModelMetadata(List<String> locales, List<CatalogVoice> voices) {}
}

package io.modelgate.provider.elevenlabs;

import com.squareup.moshi.JsonAdapter;
import io.modelgate.core.model.DiscoveredModel;
import io.modelgate.core.model.ModelCategory;
import io.modelgate.core.model.ModelListing;
import io.modelgate.core.model.ModelSource;
import io.modelgate.core.model.Pricing;
import io.modelgate.core.port.ModelDiscovery;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import io.modelgate.core.model.ProviderKind;
import io.modelgate.provider.http.ListPrices;
import org.jspecify.annotations.Nullable;

/**
 * Lists ElevenLabs' text-to-speech models ({@code can_do_text_to_speech}); the others (voice conversion only) are
 * skipped as {@code no-tts}. Each model's metadata carries the voices that speak it, with their labels (accent,
 * gender, age, use case, …) and preview URL, its languages and its character limit. Prices are per character.
 */
final class ElevenLabsDiscovery implements ModelDiscovery {
  /** USD per million characters, from providers-http's cited price list (Flash and Turbo cheaper than the rest). */
  private static final ListPrices PRICES = ListPrices.load();

  private final ElevenLabsApi api;
  private final VoiceDirectory voices;
  private final JsonAdapter<ElevenLabsWire.ModelMetadata> metadata;

  ElevenLabsDiscovery(ElevenLabsApi api, VoiceDirectory voices) {
    this.api = api;
    this.voices = voices;
    this.metadata = api.moshi.adapter(ElevenLabsWire.ModelMetadata.class);
  }

  @Override
  public ModelListing listModels() {
    List<ElevenLabsWire.Model> listed = api.models();
    List<ElevenLabsWire.Voice> all = voices.refresh();
    List<DiscoveredModel> models = new ArrayList<>();
    int skipped = 0;
    for (ElevenLabsWire.Model m : listed) {
      if (!Boolean.TRUE.equals(m.canDoTextToSpeech())) {
        skipped++;
        continue;
      }
      models.add(new DiscoveredModel(m.modelId(), ModelCategory.TTS, m.name(), m.description(), null, null,
          Set.of(), pricing(m.modelId()), metadata.toJson(metadataOf(m, all)), ModelSource.DISCOVERED));
    }
    return new ModelListing(models, skipped == 0 ? Map.of() : Map.of("no-tts", skipped));
  }

  @Override
  public List<DiscoveredModel> curatedModels() {
    return List.of();
  }

  static @Nullable Pricing pricing(String model) {
    return PRICES.find(ProviderKind.ELEVENLABS.wireName(), model).orElse(null);
  }

  private static ElevenLabsWire.ModelMetadata metadataOf(ElevenLabsWire.Model m, List<ElevenLabsWire.Voice> all) {
    List<String> languages = m.languages() == null ? List.of()
        : m.languages().stream().map(ElevenLabsWire.Language::languageId).toList();
    List<ElevenLabsWire.CatalogVoice> spoken = all.stream()
        .filter(v -> VoiceDirectory.speaks(v, m.modelId()))
        .map(v -> new ElevenLabsWire.CatalogVoice(v.voiceId(), v.name(), v.category(),
            v.labels() == null ? Map.of() : v.labels(), v.previewUrl()))
        .toList();
    return new ElevenLabsWire.ModelMetadata(languages, m.maxCharacters(), spoken);
  }
}

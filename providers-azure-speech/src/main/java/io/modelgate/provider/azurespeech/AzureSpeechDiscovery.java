package io.modelgate.provider.azurespeech;

import com.squareup.moshi.JsonAdapter;
import io.modelgate.core.model.DiscoveredModel;
import io.modelgate.core.model.ModelCategory;
import io.modelgate.core.model.ModelListing;
import io.modelgate.core.model.ModelSource;
import io.modelgate.core.model.Pricing;
import io.modelgate.core.port.ModelDiscovery;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import io.modelgate.core.model.ProviderKind;
import io.modelgate.provider.http.ListPrices;
import java.util.Set;
import java.util.TreeSet;

/**
 * Azure has no model list: its unit is the voice. Discovery groups the region's voices by voice type into one TTS
 * model each ({@code neural}), whose metadata lists the locales and every voice with its gender, locale and speaking
 * styles. Its price per million characters comes from providers-http's cited price list (prebuilt neural voices).
 */
final class AzureSpeechDiscovery implements ModelDiscovery {
  private static final ListPrices PRICES = ListPrices.load();

  private final AzureVoices voices;
  private final JsonAdapter<AzureSpeechWire.ModelMetadata> metadata;

  AzureSpeechDiscovery(AzureVoices voices, AzureSpeechApi api) {
    this.voices = voices;
    this.metadata = api.moshi.adapter(AzureSpeechWire.ModelMetadata.class);
  }

  @Override
  public ModelListing listModels() {
    Map<String, List<AzureSpeechWire.Voice>> byType = new LinkedHashMap<>();
    for (AzureSpeechWire.Voice v : voices.fresh()) {
      byType.computeIfAbsent(AzureVoices.model(v), t -> new ArrayList<>()).add(v);
    }
    List<DiscoveredModel> models = new ArrayList<>();
    byType.forEach((type, list) -> {
      Set<String> locales = new TreeSet<>();
      List<AzureSpeechWire.CatalogVoice> described = new ArrayList<>();
      for (AzureSpeechWire.Voice v : list) {
        if (v.locale() != null) {
          locales.add(v.locale());
        }
        described.add(new AzureSpeechWire.CatalogVoice(v.shortName(), v.displayName(), v.gender(), v.locale(),
            v.localeName(), v.secondaryLocales() == null ? List.of() : v.secondaryLocales(),
            v.styles() == null ? List.of() : v.styles(), v.status()));
      }
      Pricing price = PRICES.find(ProviderKind.AZURE_SPEECH.wireName(), type).orElse(null);
      models.add(new DiscoveredModel(type, ModelCategory.TTS, "Azure " + type + " voices",
          list.size() + " " + type + " voices in " + locales.size() + " locales", null, null, Set.of(), price,
          metadata.toJson(new AzureSpeechWire.ModelMetadata(List.copyOf(locales), described)),
          ModelSource.DISCOVERED));
    });
    return ModelListing.of(models);
  }
}

package io.modelgate.provider.ollama;

import io.modelgate.core.error.ModelgateException;
import io.modelgate.core.model.Capability;
import io.modelgate.core.model.DiscoveredModel;
import io.modelgate.core.model.ModelCategory;
import io.modelgate.core.model.ModelListing;
import io.modelgate.core.model.ModelSource;
import io.modelgate.core.model.Pricing;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import org.jspecify.annotations.Nullable;

/**
 * Lists a node's models from {@code GET /api/tags}, then asks {@code POST /api/show} for each (at most
 * {@value #SHOW_CONCURRENCY} at a time) for its context length and capabilities. A model whose {@code /api/show}
 * fails is still listed, with what {@code /api/tags} said. Local models are free. Thread-safe.
 */
final class OllamaDiscovery implements io.modelgate.core.port.ModelDiscovery {
  static final int SHOW_CONCURRENCY = 4;

  private final OllamaHttp http;

  OllamaDiscovery(OllamaHttp http) {
    this.http = http;
  }

  @Override
  public ModelListing listModels() {
    OllamaWire.TagsResponse tags = http.get("api/tags", OllamaWire.TagsResponse.class);
    List<Entry> entries = new ArrayList<>();
    int unreadable = 0;
    for (OllamaWire.RawJson raw : tags.models() == null ? List.<OllamaWire.RawJson>of() : tags.models()) {
      try {
        OllamaWire.Tag tag = raw.as(OllamaWire.Tag.class);
        if (nameOf(tag).isBlank()) {
          unreadable++;
        } else {
          entries.add(new Entry(tag, raw));
        }
      } catch (IOException | RuntimeException e) {
        unreadable++;
      }
    }
    List<DiscoveredModel> models = new ArrayList<>();
    Semaphore permits = new Semaphore(SHOW_CONCURRENCY);
    try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<OllamaWire.@Nullable RawJson>> shows = new ArrayList<>();
      for (Entry entry : entries) {
        shows.add(executor.submit(() -> show(nameOf(entry.tag()), permits)));
      }
      for (int i = 0; i < entries.size(); i++) {
        models.add(toModel(entries.get(i).tag(), entries.get(i).raw(), await(shows.get(i))));
      }
    }
    return new ModelListing(models, unreadable == 0 ? Map.of() : Map.of("unreadable", unreadable));
  }

  private record Entry(OllamaWire.Tag tag, OllamaWire.RawJson raw) {}

  private OllamaWire.@Nullable RawJson show(String model, Semaphore permits) throws InterruptedException {
    permits.acquire();
    try {
      return http.post("api/show", new OllamaWire.ShowRequest(model), OllamaWire.ShowRequest.class,
          OllamaWire.RawJson.class);
    } catch (ModelgateException e) {
      return null; // listed with less metadata rather than failing the whole listing
    } finally {
      permits.release();
    }
  }

  private static OllamaWire.@Nullable RawJson await(Future<OllamaWire.@Nullable RawJson> show) {
    try {
      return show.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    } catch (ExecutionException e) {
      return null;
    }
  }

  private static String nameOf(OllamaWire.Tag tag) {
    String name = tag.model() != null && !tag.model().isBlank() ? tag.model() : tag.name();
    return name == null ? "" : name;
  }

  static DiscoveredModel toModel(OllamaWire.Tag tag, OllamaWire.RawJson raw, OllamaWire.@Nullable RawJson rawShow) {
    OllamaWire.ShowResponse show = null;
    if (rawShow != null) {
      try {
        show = rawShow.as(OllamaWire.ShowResponse.class);
      } catch (IOException | RuntimeException e) {
        rawShow = null;
      }
    }
    String name = nameOf(tag);
    OllamaWire.Details details = show != null && show.details() != null ? show.details() : tag.details();
    List<String> capabilities = show == null || show.capabilities() == null ? List.of() : show.capabilities();
    ModelCategory category = capabilities.isEmpty() ? inferCategory(name, details) : categoryOf(capabilities);
    Set<Capability> caps = EnumSet.noneOf(Capability.class);
    if (category == ModelCategory.TEXT) {
      caps.add(Capability.STREAMING);
      caps.add(Capability.JSON_OUTPUT); // Ollama constrains any model's output with 'format'
    }
    for (String capability : capabilities) {
      switch (capability) {
        case "tools" -> caps.add(Capability.TOOLS);
        case "vision" -> caps.add(Capability.VISION);
        case "thinking" -> caps.add(Capability.REASONING);
        default -> { }
      }
    }
    Integer maximum = contextLength(show);
    Integer numCtx = numCtx(show);
    // What the node runs the model with: the Modelfile's num_ctx (the gateway sends none), within the model's maximum.
    Integer context = numCtx == null ? maximum : numCtx;
    if (numCtx != null && maximum != null) {
      context = Math.min(numCtx, maximum);
    }
    String description = describe(details);
    if (numCtx != null && maximum != null && numCtx < maximum) {
      String note = "runs with num_ctx " + numCtx + " (model maximum " + maximum + ")";
      description = description == null ? note : description + "; " + note;
    }
    return new DiscoveredModel(name, category, name, description, context, null, caps,
        Pricing.FREE, rawMetadata(raw, rawShow), ModelSource.DISCOVERED);
  }

  private static ModelCategory categoryOf(List<String> capabilities) {
    return capabilities.contains("embedding") && !capabilities.contains("completion")
        ? ModelCategory.EMBEDDING : ModelCategory.TEXT;
  }

  /** Older nodes have no {@code capabilities}: BERT-family and "embed" models embed, the rest chat. */
  private static ModelCategory inferCategory(String name, OllamaWire.@Nullable Details details) {
    List<String> hints = new ArrayList<>();
    hints.add(name);
    if (details != null) {
      if (details.family() != null) {
        hints.add(details.family());
      }
      if (details.families() != null) {
        hints.addAll(details.families());
      }
    }
    for (String hint : hints) {
      String lower = hint.toLowerCase(Locale.ROOT);
      if (lower.contains("bert") || lower.contains("embed")) {
        return ModelCategory.EMBEDDING;
      }
    }
    return ModelCategory.TEXT;
  }

  private static @Nullable String describe(OllamaWire.@Nullable Details details) {
    if (details == null) {
      return null;
    }
    List<String> parts = new ArrayList<>();
    if (details.parameterSize() != null && !details.parameterSize().isBlank()) {
      parts.add(details.parameterSize() + " parameters");
    }
    if (details.quantizationLevel() != null && !details.quantizationLevel().isBlank()) {
      parts.add(details.quantizationLevel());
    }
    return parts.isEmpty() ? null : String.join(", ", parts);
  }

  /** {@code model_info["<arch>.context_length"]}, the architecture read from {@code general.architecture}. */
  static @Nullable Integer contextLength(OllamaWire.@Nullable ShowResponse show) {
    if (show == null || show.modelInfo() == null) {
      return null;
    }
    Map<String, Object> info = show.modelInfo();
    Object value = info.get(info.get("general.architecture") + ".context_length");
    if (value == null) {
      value = info.entrySet().stream().filter(e -> e.getKey().endsWith(".context_length"))
          .map(Map.Entry::getValue).findFirst().orElse(null);
    }
    return value instanceof Number n && n.longValue() > 0 && n.longValue() <= Integer.MAX_VALUE ? n.intValue() : null;
  }

  /** The {@code num_ctx} the model's Modelfile sets ({@code parameters} line {@code num_ctx 2048}), if any. */
  static @Nullable Integer numCtx(OllamaWire.@Nullable ShowResponse show) {
    if (show == null || show.parameters() == null) {
      return null;
    }
    for (String line : show.parameters().split("\n")) {
      String[] parts = line.strip().split("\\s+");
      if (parts.length == 2 && parts[0].equals("num_ctx")) {
        try {
          int value = Integer.parseInt(parts[1]);
          return value > 0 ? value : null;
        } catch (NumberFormatException e) {
          return null;
        }
      }
    }
    return null;
  }

  /**
   * The {@code /api/tags} entry as sent and the {@code /api/show} answer beside it, without its long texts
   * (modelfile, template, licence).
   */
  private static String rawMetadata(OllamaWire.RawJson tag, OllamaWire.@Nullable RawJson show) {
    return "{\"tags\":" + tag.json()
        + (show == null ? "" : ",\"show\":" + show.without(Set.of("modelfile", "template", "license")).json()) + "}";
  }
}

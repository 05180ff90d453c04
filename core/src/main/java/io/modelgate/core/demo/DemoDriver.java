package io.modelgate.core.demo;

import io.modelgate.core.chat.ChatEvent;
import io.modelgate.core.chat.ChatEventQueue;
import io.modelgate.core.chat.ChatMessage;
import io.modelgate.core.chat.ChatRequest;
import io.modelgate.core.chat.ChatStream;
import io.modelgate.core.chat.EmbeddingRequest;
import io.modelgate.core.chat.EmbeddingResponse;
import io.modelgate.core.chat.FinishReason;
import io.modelgate.core.chat.Role;
import io.modelgate.core.chat.SpeechAudio;
import io.modelgate.core.chat.SpeechRequest;
import io.modelgate.core.chat.Usage;
import io.modelgate.core.error.ModelNotFoundException;
import io.modelgate.core.model.ApprovalPolicy;
import io.modelgate.core.model.Capability;
import io.modelgate.core.model.DiscoveredModel;
import io.modelgate.core.model.HealthState;
import io.modelgate.core.model.HealthStatus;
import io.modelgate.core.model.ModelCategory;
import io.modelgate.core.model.ModelListing;
import io.modelgate.core.model.ModelSource;
import io.modelgate.core.model.Pricing;
import io.modelgate.core.model.ProviderInstance;
import io.modelgate.core.model.ProviderKind;
import io.modelgate.core.model.Secret;
import io.modelgate.core.port.ChatModel;
import io.modelgate.core.port.EmbeddingModel;
import io.modelgate.core.port.ProviderConnection;
import io.modelgate.core.port.ProviderDriver;
import io.modelgate.core.port.SpeechModel;
import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A provider that needs no network and no keys: {@code demo:echo} streams back a deterministic reply word by word,
 * {@code demo:embed} gives stable 16-dimension vectors, {@code demo:speak} returns a short WAV tone. Usage counts
 * are honest for its own tokenisation (a token is a word or a run of punctuation). Its instance is auto-enabled so
 * a fresh machine can chat at once; {@code MODELGATE_DEMO=off} switches it off.
 */
public final class DemoDriver implements ProviderDriver {
  public static final String INSTANCE_ID = "demo";
  /** Option: milliseconds between streamed tokens (default 15), so streaming is visible on a terminal. */
  public static final String TOKEN_DELAY_OPTION = "token-delay-ms";

  private static final Pattern TOKEN = Pattern.compile("\\s*(\\w+|[^\\w\\s]+)");
  private static final int DIMENSIONS = 16;

  @Override
  public Set<ProviderKind> kinds() {
    return Set.of(ProviderKind.DEMO);
  }

  /** The demo instance: shared, auto-enabled, with {@code demo:echo} as its text default. */
  public static ProviderInstance instance() {
    return ProviderInstance.builder(INSTANCE_ID, ProviderKind.DEMO)
        .displayName("Demo (offline)")
        .approvalPolicy(ApprovalPolicy.AUTO_ENABLE)
        .defaultModel(ModelCategory.TEXT, "echo")
        .defaultModel(ModelCategory.EMBEDDING, "embed")
        .defaultModel(ModelCategory.TTS, "speak")
        .discoveryInterval(Duration.ZERO)
        .build();
  }

  @Override
  public List<ProviderInstance> fromEnvironment(Map<String, String> env) {
    String setting = env.getOrDefault("MODELGATE_DEMO", "on").trim().toLowerCase(Locale.ROOT);
    boolean off = setting.equals("off") || setting.equals("false") || setting.equals("0") || setting.equals("no");
    return off ? List.of() : List.of(instance());
  }

  @Override
  public ProviderConnection connect(ProviderInstance instance, @Nullable Secret apiKey) {
    long delay = Long.parseLong(instance.option(TOKEN_DELAY_OPTION, "15"));
    return new ProviderConnection(
        DemoDriver::listing,
        new Chat(delay),
        new Embeddings(),
        new Speech(),
        () -> new HealthStatus(HealthState.HEALTHY, Duration.ZERO, "offline demo", Instant.now()));
  }

  private static ModelListing listing() {
    return ModelListing.of(List.of(
        new DiscoveredModel("echo", ModelCategory.TEXT, "Echo (demo)",
            "Streams back what you said, word by word. Works offline.", 8_192, 1_024,
            Set.of(Capability.STREAMING), Pricing.FREE, "{\"owned_by\":\"modelgate\"}", ModelSource.DISCOVERED),
        new DiscoveredModel("embed", ModelCategory.EMBEDDING, "Hash embeddings (demo)",
            "Stable 16-dimension vectors from a hash of the words. Works offline.", 8_192, null, Set.of(),
            Pricing.FREE, "{\"owned_by\":\"modelgate\",\"dimensions\":16}", ModelSource.DISCOVERED),
        new DiscoveredModel("speak", ModelCategory.TTS, "Tone speech (demo)",
            "A short WAV tone per word. Works offline.", null, null, Set.of(), Pricing.FREE,
            "{\"owned_by\":\"modelgate\"}", ModelSource.DISCOVERED)));
  }

  /** Splits text the way the demo counts tokens. */
  static List<String> tokens(String text) {
    List<String> tokens = new ArrayList<>();
    Matcher m = TOKEN.matcher(text);
    while (m.find()) {
      tokens.add(m.group());
    }
    return tokens;
  }

  /** The reply the demo gives: deterministic for the same conversation. */
  static String reply(ChatRequest request) {
    String last = "";
    for (ChatMessage message : request.messages()) {
      if (message.role() == Role.USER) {
        last = message.text();
      }
    }
    long turns = request.messages().stream().filter(m -> m.role() == Role.USER).count();
    return "Echo: " + last.strip() + (turns > 1 ? " (turn " + turns + ")" : "");
  }

  private static final class Chat implements ChatModel {
    private final long delayMillis;

    Chat(long delayMillis) {
      this.delayMillis = delayMillis;
    }

    @Override
    public ChatStream stream(String model, ChatRequest request) {
      if (!model.equals("echo")) {
        throw new ModelNotFoundException("the demo provider has no chat model '" + model + "'");
      }
      ChatEventQueue queue = new ChatEventQueue();
      Thread.ofVirtual().name("demo-chat").start(() -> {
        try {
          long prompt = request.messages().stream().mapToLong(m -> tokens(m.text()).size()).sum();
          List<String> out = tokens(reply(request));
          Integer max = request.sampling().maxTokens();
          int limit = max == null ? out.size() : Math.min(max, out.size());
          for (int i = 0; i < limit; i++) {
            if (delayMillis > 0) {
              Thread.sleep(delayMillis);
            }
            String token = i == 0 ? out.get(i).stripLeading() : out.get(i);
            if (!queue.emit(new ChatEvent.TextDelta(token))) {
              return;
            }
          }
          Usage usage = Usage.of(prompt, limit);
          if (request.includeUsage()) {
            queue.emit(new ChatEvent.UsageReport(usage));
          }
          queue.emit(new ChatEvent.Completed(limit < out.size() ? FinishReason.LENGTH : FinishReason.STOP, usage));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        } finally {
          queue.finish();
        }
      });
      return queue;
    }
  }

  private static final class Embeddings implements EmbeddingModel {
    @Override
    public EmbeddingResponse embed(String model, EmbeddingRequest request) {
      if (!model.equals("embed")) {
        throw new ModelNotFoundException("the demo provider has no embedding model '" + model + "'");
      }
      List<float[]> vectors = new ArrayList<>();
      long tokens = 0;
      for (String input : request.inputs()) {
        List<String> words = tokens(input);
        tokens += words.size();
        float[] v = new float[DIMENSIONS];
        for (String w : words) {
          int h = w.strip().toLowerCase(Locale.ROOT).hashCode();
          v[Math.floorMod(h, DIMENSIONS)] += 1f;
          v[Math.floorMod(h >>> 8, DIMENSIONS)] += 0.5f;
        }
        double norm = 0;
        for (float x : v) {
          norm += x * x;
        }
        float scale = norm == 0 ? 0 : (float) (1 / Math.sqrt(norm));
        for (int i = 0; i < v.length; i++) {
          v[i] *= scale;
        }
        vectors.add(v);
      }
      return new EmbeddingResponse(vectors, Usage.of(tokens, 0));
    }
  }

  private static final class Speech implements SpeechModel {
    private static final int RATE = 8_000;

    @Override
    public SpeechAudio speak(String model, SpeechRequest request) {
      if (!model.equals("speak")) {
        throw new ModelNotFoundException("the demo provider has no speech model '" + model + "'");
      }
      int words = Math.max(1, tokens(request.input()).size());
      int samples = Math.min(words, 200) * RATE / 10;
      ByteBuffer wav = ByteBuffer.allocate(44 + samples * 2).order(ByteOrder.LITTLE_ENDIAN);
      wav.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + samples * 2)
          .put("WAVEfmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16).putShort((short) 1).putShort((short) 1)
          .putInt(RATE).putInt(RATE * 2).putShort((short) 2).putShort((short) 16)
          .put("data".getBytes(StandardCharsets.US_ASCII)).putInt(samples * 2);
      for (int i = 0; i < samples; i++) {
        wav.putShort((short) (Math.sin(2 * Math.PI * 440 * i / RATE) * 8_000));
      }
      return new SpeechAudio("audio/wav", new ByteArrayInputStream(wav.array()));
    }

    @Override
    public List<String> voices(String model) {
      return List.of("tone");
    }
  }
}

package io.modelgate.wire;

import com.squareup.moshi.Json;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The model options of Ollama's API that Modelgate maps, defined once: the inbound {@code /ollama/api/chat} and
 * {@code /generate} read them (others a client sends are accepted and not used) and the Ollama provider writes them.
 */
public record OllamaOptions(
    @Nullable Double temperature,
    @Json(name = "top_p") @Nullable Double topP,
    @Json(name = "num_predict") @Nullable Integer numPredict,
    @Nullable List<String> stop,
    @Nullable Long seed,
    @Json(name = "presence_penalty") @Nullable Double presencePenalty,
    @Json(name = "frequency_penalty") @Nullable Double frequencyPenalty) {}

package io.modelgate.provider.openai.internal;

import com.squareup.moshi.JsonAdapter;
import io.modelgate.core.model.DiscoveredModel;
import io.modelgate.core.model.ModelListing;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiFunction;
import java.util.function.Function;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import org.jspecify.annotations.Nullable;

/** A {@code {"data": [...]}} model list fetched and mapped item by item, each keeping its raw JSON. */
public final class ListedModels {
  private ListedModels() {}

  /**
   * Sends {@code request} and maps each {@code data[]} item: skipped (and counted) when {@code skipReason} names a
   * reason, else turned into a model by {@code toModel} from the parsed item and its raw JSON text.
   */
  public static <T> ModelListing list(OkHttpClient client, Request request, JsonAdapter<T> adapter,
      Function<T, @Nullable String> skipReason, BiFunction<T, String, DiscoveredModel> toModel) {
    String body = OpenAiHttp.send(client, request);
    List<DiscoveredModel> models = new ArrayList<>();
    Map<String, Integer> skipped = new TreeMap<>();
    for (String raw : OpenAiHttp.rawItems(body, "data")) {
      T item = OpenAiHttp.parse(adapter, raw);
      String reason = skipReason.apply(item);
      if (reason != null) {
        skipped.merge(reason, 1, Integer::sum);
      } else {
        models.add(toModel.apply(item, raw));
      }
    }
    return new ModelListing(models, skipped);
  }
}

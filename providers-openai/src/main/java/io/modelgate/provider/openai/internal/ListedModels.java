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
import java.util.HashSet;
import java.util.Set;
import okhttp3.HttpUrl;
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
    return listPages(client, request, adapter, skipReason, toModel, body -> null);
  }

  /** The most pages {@link #listPages} follows, so a server that always names a next page cannot loop forever. */
  public static final int MAX_PAGES = 100;

  /**
   * Like {@link #list}, following the list page by page: {@code nextPage} reads the next page's URL from a page's
   * body (null after the last). A page already fetched is not fetched again.
   */
  public static <T> ModelListing listPages(OkHttpClient client, Request first, JsonAdapter<T> adapter,
      Function<T, @Nullable String> skipReason, BiFunction<T, String, DiscoveredModel> toModel,
      Function<String, @Nullable HttpUrl> nextPage) {
    List<DiscoveredModel> models = new ArrayList<>();
    Map<String, Integer> skipped = new TreeMap<>();
    Set<HttpUrl> seen = new HashSet<>();
    Request request = first;
    for (int page = 0; request != null && page < MAX_PAGES && seen.add(request.url()); page++) {
      String body = OpenAiHttp.send(client, request);
      for (String raw : OpenAiHttp.rawItems(body, "data")) {
        T item = OpenAiHttp.parse(adapter, raw);
        String reason = skipReason.apply(item);
        if (reason != null) {
          skipped.merge(reason, 1, Integer::sum);
        } else {
          models.add(toModel.apply(item, raw));
        }
      }
      HttpUrl next = nextPage.apply(body);
      request = next == null ? null : request.newBuilder().url(next).build();
    }
    return new ModelListing(models, skipped);
  }
}

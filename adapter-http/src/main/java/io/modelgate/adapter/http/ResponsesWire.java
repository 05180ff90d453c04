package io.modelgate.adapter.http;

import com.squareup.moshi.Json;
import io.modelgate.core.chat.Usage;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** OpenAI's Responses API shapes, as we send them: public to Moshi, invisible outside the package. */
final class ResponsesWire {
  private ResponsesWire() {}

  public record Response(String id, String object, @Json(name = "created_at") long createdAt, String status,
      @Nullable Failure error, @Json(name = "incomplete_details") @Nullable Incomplete incompleteDetails,
      @Nullable String instructions, @Json(name = "max_output_tokens") @Nullable Integer maxOutputTokens,
      String model, List<Object> output, @Json(name = "parallel_tool_calls") boolean parallelToolCalls,
      @Json(name = "previous_response_id") @Nullable String previousResponseId, @Nullable Double temperature,
      @Json(name = "top_p") @Nullable Double topP, @Json(name = "tool_choice") Object toolChoice,
      List<Object> tools, boolean store, @Nullable Counts usage, Map<String, Object> metadata, Object text,
      @Nullable Object reasoning, @Nullable String user) {

    /** This response in another state, with its output, usage and error as they now stand. */
    Response with(String newStatus, List<Object> newOutput, @Nullable Counts newUsage, @Nullable Failure failure,
        @Nullable Incomplete incomplete) {
      return new Response(id, object, createdAt, newStatus, failure, incomplete, instructions, maxOutputTokens, model,
          newOutput, parallelToolCalls, previousResponseId, temperature, topP, toolChoice, tools, store, newUsage,
          metadata, text, reasoning, user);
    }
  }

  public record Failure(String code, String message) {}

  public record Incomplete(String reason) {}

  public record Counts(
      @Json(name = "input_tokens") long inputTokens,
      @Json(name = "input_tokens_details") InputDetails inputDetails,
      @Json(name = "output_tokens") long outputTokens,
      @Json(name = "output_tokens_details") OutputDetails outputDetails,
      @Json(name = "total_tokens") long totalTokens) {}

  public record InputDetails(@Json(name = "cached_tokens") long cachedTokens) {}

  public record OutputDetails(@Json(name = "reasoning_tokens") long reasoningTokens) {}

  static Counts counts(Usage u) {
    return new Counts(u.promptTokens(), new InputDetails(u.cachedTokens()), u.completionTokens(),
        new OutputDetails(u.reasoningTokens()), u.totalTokens());
  }

  // ---- output items ---------------------------------------------------------------------------------------------

  public record Message(String type, String id, String status, String role, List<OutputText> content) {}

  public record OutputText(String type, String text, List<Object> annotations) {}

  public record FunctionCall(String type, String id, @Json(name = "call_id") String callId, String name,
      String arguments, String status) {}

  public record Reasoning(String type, String id, List<Summary> summary) {}

  public record Summary(String type, String text) {}

  public record Deleted(String id, String object, boolean deleted) {}
}

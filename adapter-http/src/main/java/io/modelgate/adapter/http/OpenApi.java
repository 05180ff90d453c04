package io.modelgate.adapter.http;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The OpenAPI 3.1 document of the service, built from the endpoint table itself, so a route cannot be served
 * without being described, nor described without being served.
 */
final class OpenApi {
  private OpenApi() {}

  static Map<String, Object> document(List<Endpoint> endpoints) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("openapi", "3.1.0");
    doc.put("info", Map.of(
        "title", "Modelgate",
        "version", "0.1.0",
        "description", "One catalog and one router for every AI model a team can reach. The /v1 endpoints speak "
            + "OpenAI's API; /ai is the catalog API for apps; /api/admin needs an admin key; /api/ai and "
            + "/api/users/me are the caller's own data."));
    Map<String, Object> paths = new LinkedHashMap<>();
    for (Endpoint e : endpoints) {
      @SuppressWarnings("unchecked")
      Map<String, Object> item = (Map<String, Object>) paths.computeIfAbsent(e.path(), p -> new LinkedHashMap<>());
      item.put(e.method().text().toLowerCase(Locale.ROOT), operation(e));
    }
    doc.put("paths", paths);
    doc.put("components", Map.of(
        "securitySchemes", Map.of("gatewayKey", Map.of(
            "type", "http", "scheme", "bearer",
            "description", "A gateway key (mg_<8 hex>_<secret>) issued by an admin")),
        "schemas", Map.of("Error", errorSchema())));
    return doc;
  }

  private static Map<String, Object> operation(Endpoint e) {
    Map<String, Object> op = new LinkedHashMap<>();
    op.put("operationId", operationId(e));
    op.put("summary", e.summary());
    op.put("tags", List.of(e.tag()));
    op.put("security", e.access() == Endpoint.Access.PUBLIC ? List.of() : List.of(Map.of("gatewayKey", List.of())));
    List<Object> parameters = new ArrayList<>();
    for (String name : e.parameters()) {
      parameters.add(Map.of("name", name, "in", "path", "required", true, "schema", Map.of("type", "string")));
    }
    if (!parameters.isEmpty()) {
      op.put("parameters", parameters);
    }
    if (e.body() != null) {
      // A POST whose fields are all optional may come without a body (a key's name, a discovery's filters).
      boolean required = !WireSchema.of(e.body()).getOrDefault("required", List.of()).equals(List.of());
      op.put("requestBody", Map.of("required", required, "content",
          Map.of("application/json", Map.of("schema", WireSchema.of(e.body())))));
    }
    Map<String, Object> errorContent = Map.of("application/json",
        Map.of("schema", Map.of("$ref", "#/components/schemas/Error")));
    Map<String, Object> success = new LinkedHashMap<>();
    success.put("description", "Success");
    if (e.reply() != null) {
      success.put("content", Map.of("application/json", Map.of("schema", WireSchema.of(e.reply()))));
    }
    op.put("responses", Map.of(
        "2XX", success,
        "default", Map.of("description", "An error in OpenAI's shape", "content", errorContent)));
    if (e.access() == Endpoint.Access.ADMIN) {
      op.put("description", "Needs a key of a user with the admin role.");
    }
    return op;
  }

  private static String operationId(Endpoint e) {
    String path = e.path().replaceAll("[{}]", "").replaceAll("[^A-Za-z0-9]+", "_").replaceAll("^_|_$", "");
    return e.method().text().toLowerCase(Locale.ROOT) + "_" + path;
  }

  private static Map<String, Object> errorSchema() {
    Map<String, Object> error = new LinkedHashMap<>();
    error.put("type", "object");
    error.put("required", List.of("message", "type", "code"));
    error.put("properties", Map.of(
        "message", Map.of("type", "string"),
        "type", Map.of("type", "string"),
        "code", Map.of("type", "string"),
        "param", Map.of("type", List.of("string", "null"))));
    return Map.of("type", "object", "required", List.of("error"), "properties", Map.of("error", error));
  }
}

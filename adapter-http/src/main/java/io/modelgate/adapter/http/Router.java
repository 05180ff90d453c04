package io.modelgate.adapter.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Finds the endpoint of a request: the first in table order whose method and path template match the raw path (a
 * parameter is one path segment, or, at the end of the template, the rest of the path, slashes included: a model id
 * may hold them, {@code openrouter:anthropic/claude-3.5-sonnet}). A HEAD request is served by its GET endpoint.
 * Parameters are returned as they came, still percent-encoded ({@link Call#path} decodes them). Immutable.
 */
final class Router {
  private static final Pattern PARAM = Pattern.compile("\\{([a-z_]+)}");

  private final List<Route> routes;

  /** A matched endpoint and its path parameters, raw. */
  record Match(Endpoint endpoint, Map<String, String> parameters) {}

  private record Route(Endpoint endpoint, @Nullable Pattern pattern, List<String> names) {}

  Router(List<Endpoint> endpoints) {
    List<Route> built = new ArrayList<>(endpoints.size());
    for (Endpoint e : endpoints) {
      List<String> names = e.parameters();
      built.add(new Route(e, names.isEmpty() ? null : Pattern.compile(regex(e.path())), names));
    }
    this.routes = List.copyOf(built);
  }

  private static String regex(String template) {
    Matcher m = PARAM.matcher(template);
    StringBuilder out = new StringBuilder();
    int last = 0;
    while (m.find()) {
      out.append(Pattern.quote(template.substring(last, m.start())));
      out.append(m.end() == template.length() ? "(.+)" : "([^/]+)");
      last = m.end();
    }
    out.append(Pattern.quote(template.substring(last)));
    return out.toString();
  }

  /** The endpoint serving {@code method} on {@code rawPath} (no query), or null when none does. */
  @Nullable Match match(String method, String rawPath) {
    String wanted = method.equals("HEAD") ? "GET" : method;
    for (Route route : routes) {
      Endpoint e = route.endpoint();
      if (!e.method().text().equals(wanted) && !e.method().text().equals(method)) {
        continue;
      }
      if (route.pattern() == null) {
        if (e.path().equals(rawPath)) {
          return new Match(e, Map.of());
        }
        continue;
      }
      Matcher m = route.pattern().matcher(rawPath);
      if (m.matches()) {
        Map<String, String> parameters = new java.util.HashMap<>(route.names().size() * 2);
        for (int i = 0; i < route.names().size(); i++) {
          parameters.put(route.names().get(i), m.group(i + 1));
        }
        return new Match(e, parameters);
      }
    }
    return null;
  }
}

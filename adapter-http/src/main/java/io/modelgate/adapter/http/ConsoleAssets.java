package io.modelgate.adapter.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The browser console at {@code /console}: the files the {@code console} module built, read from the class path
 * under {@value #ROOT}. Files with a content hash in their name are cached for a year; {@code index.html} and the
 * embeddable {@code picker.js} (whose name stays the same) are revalidated on every use. Every answer carries a
 * strict Content-Security-Policy: scripts only from this origin, nothing from a CDN. When the console was not built
 * (no Node.js on the build machine), {@code /console} answers a page saying how to get it.
 */
final class ConsoleAssets {
  static final String ROOT = "modelgate-console/";
  static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
      + "img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
      + "form-action 'self'; frame-ancestors 'none'";
  private static final Pattern HASHED = Pattern.compile(".*-[A-Za-z0-9_-]{8,}\\.(js|css|woff2|png|svg)$");
  private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_./-]+");
  private static final Map<String, String> TYPES = Map.of("js", "text/javascript; charset=utf-8",
      "css", "text/css; charset=utf-8", "html", "text/html; charset=utf-8", "svg", "image/svg+xml",
      "png", "image/png", "json", "application/json", "woff2", "font/woff2", "ico", "image/x-icon",
      "map", "application/json");
  static final String MISSING = """
      <!doctype html><html lang="en"><head><meta charset="utf-8"><title>Modelgate console not built</title></head>
      <body><main><h1>The Modelgate console is not in this build</h1>
      <p>This server was built on a machine without Node.js, so the console was skipped. Install Node.js 20 or
      newer (with npm), then rebuild: <code>./scripts/test</code> or
      <code>mvn -pl console,adapter-cli -am package</code>. The APIs work without it.</p></main></body></html>
      """;

  private final ClassLoader loader;
  private final Map<String, byte[]> cache = new ConcurrentHashMap<>();

  ConsoleAssets(ClassLoader loader) {
    this.loader = loader;
  }

  List<Endpoint> endpoints() {
    Endpoint.Access open = Endpoint.Access.PUBLIC;
    return List.of(
        new Endpoint(Method.GET, "/console", open, "console", "The browser console", c -> serve(c, "index.html")),
        new Endpoint(Method.GET, "/console/", open, "console", "The browser console", c -> serve(c, "index.html")),
        new Endpoint(Method.GET, "/console/{file}", open, "console",
            "The console's files; /console/picker.js is the embeddable model picker", c -> serve(c, c.path("file"))));
  }

  /** Whether the console's files are on the class path. */
  boolean built() {
    return read("index.html") != null;
  }

  private void serve(Call call, String path) {
    String file = path.isEmpty() || path.endsWith("/") ? path + "index.html" : path;
    call.header("Content-Security-Policy", CSP);
    call.header("X-Content-Type-Options", "nosniff");
    call.header("Referrer-Policy", "no-referrer");
    byte[] body = SAFE.matcher(file).matches() && !file.contains("..") ? read(file) : null;
    if (body == null && !file.contains(".")) {
      file = "index.html";   // a console route such as /console/models: the app reads the path itself
      body = read(file);
    }
    if (body == null) {
      if (file.equals("index.html")) {
        call.header("Cache-Control", "no-cache");
        call.send(200, "text/html; charset=utf-8", MISSING.getBytes(StandardCharsets.UTF_8));
        return;
      }
      call.send(404, "text/plain; charset=utf-8", "not found".getBytes(StandardCharsets.UTF_8));
      return;
    }
    String ext = file.substring(file.lastIndexOf('.') + 1);
    call.header("Cache-Control", HASHED.matcher(file).matches()
        ? "public, max-age=31536000, immutable" : "no-cache");
    call.send(200, TYPES.getOrDefault(ext, "application/octet-stream"), body);
  }

  private byte[] read(String file) {
    return cache.computeIfAbsent(file, f -> {
      try (InputStream in = loader.getResourceAsStream(ROOT + f)) {
        return in == null ? null : in.readAllBytes();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }
}

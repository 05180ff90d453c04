/**
 * The HTTP service: the OpenAI-compatible API, the catalog API, the admin and user APIs and the operations
 * endpoints, on our own HTTP/1.1 server ({@link io.modelgate.adapter.http.HttpServer}: a virtual thread per
 * connection, blocking handlers), wired with Dagger. Only
 * {@link io.modelgate.adapter.http.HttpService} is public. The admin and catalog shapes come from the shared
 * {@code io.modelgate.wire} module (the CLI reads the same records); the OpenAI-compatible and request records
 * here are public to Moshi only, nested in package-private holders.
 */
@NullMarked
package io.modelgate.adapter.http;

import org.jspecify.annotations.NullMarked;

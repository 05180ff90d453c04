/**
 * The HTTP transport the provider protocol modules share: {@link io.modelgate.provider.http.ProviderHttp}, the one
 * place their OkHttp clients are built (timeouts, no silent OkHttp retries, one safe retry of a request the upstream
 * never saw), and {@link io.modelgate.provider.http.ServerSentEvents}, every SSE body read with okhttp-sse. For the
 * provider modules only; not an API for applications.
 */
@NullMarked
package io.modelgate.provider.http;

import org.jspecify.annotations.NullMarked;

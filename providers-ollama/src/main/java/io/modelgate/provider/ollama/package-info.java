/**
 * The Ollama provider: a node on someone's machine, spoken to over Ollama's native API. {@link
 * io.modelgate.provider.ollama.OllamaDriver} is the entry point (discovery from {@code /api/tags} enriched by
 * {@code /api/show}, chat over the {@code /api/chat} NDJSON stream, {@code /api/embed}, {@code /api/version} as the
 * health probe); {@link io.modelgate.provider.ollama.OllamaLoadedModel} is what a node reports loaded
 * ({@code /api/ps}). Wire types and their mapping stay package-private.
 */
@NullMarked
package io.modelgate.provider.ollama;

import org.jspecify.annotations.NullMarked;

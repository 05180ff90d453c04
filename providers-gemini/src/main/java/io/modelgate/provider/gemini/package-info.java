/**
 * The Gemini provider: the Generative Language API ({@code /v1beta}) behind {@link
 * io.modelgate.provider.gemini.GeminiDriver}, its only public type. Package-private inside: the wire records
 * ({@code GeminiWire}), discovery with its curated prices ({@code CuratedModels}, derived from genai-prices),
 * streaming chat, embeddings, speech, the health probe, and the one error mapping ({@code GeminiErrors}).
 */
@NullMarked
package io.modelgate.provider.gemini;

import org.jspecify.annotations.NullMarked;

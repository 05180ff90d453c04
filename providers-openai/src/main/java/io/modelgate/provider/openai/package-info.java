/**
 * The OpenAI protocol family: {@link io.modelgate.provider.openai.OpenAiDriver} connects OpenAI itself, every
 * OpenAI-compatible server (presets for xAI, Mistral, DeepSeek, Groq, Together, Requesty, Eden AI, Fal and the
 * keyless local servers) and Open WebUI. Discovery, embeddings, speech and the curated model metadata derived from
 * genai-prices live here; the chat protocol itself is in {@code internal}.
 */
@NullMarked
package io.modelgate.provider.openai;

import org.jspecify.annotations.NullMarked;

/**
 * OpenRouter: {@link io.modelgate.provider.openrouter.OpenRouterDriver} lists its models with their full metadata
 * (prices, limits, modalities, supported parameters), probes the key ({@code GET /key}) for health and credit, and
 * chats through providers-openai's OpenAI protocol with OpenRouter's attribution headers and billed cost.
 */
@NullMarked
package io.modelgate.provider.openrouter;

import org.jspecify.annotations.NullMarked;

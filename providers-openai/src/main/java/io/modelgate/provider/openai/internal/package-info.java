/**
 * The OpenAI chat protocol, public only because {@code providers-openrouter} speaks it too: the streaming chat
 * client ({@link io.modelgate.provider.openai.internal.OpenAiChat}), the one HTTP-status-to-exception mapping of
 * the protocol family ({@link io.modelgate.provider.openai.internal.OpenAiErrors}), the shared HTTP client set-up
 * and the timed health probe. Not an API: nothing outside the provider modules should use it.
 */
@NullMarked
package io.modelgate.provider.openai.internal;

import org.jspecify.annotations.NullMarked;

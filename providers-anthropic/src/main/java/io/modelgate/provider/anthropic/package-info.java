/**
 * The Anthropic Messages API: {@link io.modelgate.provider.anthropic.AnthropicDriver} (the only public type) lists
 * models from {@code GET /v1/models} (falling back to the curated list shipped in this package's resources when the
 * key may not list), streams chats from {@code POST /v1/messages}, and maps Anthropic's errors in one place. Wire
 * records live in the package-private {@code AnthropicWire}.
 */
@NullMarked
package io.modelgate.provider.anthropic;

import org.jspecify.annotations.NullMarked;

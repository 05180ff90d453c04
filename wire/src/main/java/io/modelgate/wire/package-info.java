/**
 * The JSON shapes of the admin and catalog API, defined once: public Moshi records, each with its mapping from core
 * values. The HTTP adapter writes them, the CLI's remote mode reads them (Retrofit) and its embedded mode prints
 * them, so the three cannot disagree. The protocol shapes both sides of the gateway speak are here too: OpenAI's
 * chat-completions request ({@link ChatCompletionWire}) and Ollama's model options ({@link OllamaOptions}), which
 * the HTTP adapter parses and the provider of that protocol writes.
 */
@NullMarked
package io.modelgate.wire;

import org.jspecify.annotations.NullMarked;

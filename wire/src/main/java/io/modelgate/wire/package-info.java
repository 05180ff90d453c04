/**
 * The JSON shapes of the admin and catalog API, defined once: public Moshi records, each with its mapping from core
 * values. The HTTP adapter writes them, the CLI's remote mode reads them (Retrofit) and its embedded mode prints
 * them, so the three cannot disagree. OpenAI's chat-completions request ({@link ChatCompletionWire}) is here too: the
 * HTTP adapter parses it and the OpenAI-protocol provider writes it.
 */
@NullMarked
package io.modelgate.wire;

import org.jspecify.annotations.NullMarked;

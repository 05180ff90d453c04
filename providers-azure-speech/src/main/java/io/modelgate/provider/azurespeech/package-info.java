/**
 * Azure AI Speech text to speech: the region's voices ({@code GET /cognitiveservices/voices/list}) grouped into one
 * catalog model per voice type ({@code neural}), and speech from SSML through {@code POST /cognitiveservices/v1}.
 * Only {@link io.modelgate.provider.azurespeech.AzureSpeechDriver} is public.
 */
@NullMarked
package io.modelgate.provider.azurespeech;

import org.jspecify.annotations.NullMarked;

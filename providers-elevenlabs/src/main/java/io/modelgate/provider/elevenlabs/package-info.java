/**
 * The ElevenLabs text-to-speech protocol: its TTS models ({@code GET /v1/models}) with the voices each can speak
 * ({@code GET /v2/voices}, paged), and speech streamed from {@code POST /v1/text-to-speech/{voice_id}/stream}. Only
 * {@link io.modelgate.provider.elevenlabs.ElevenLabsDriver} is public.
 */
@NullMarked
package io.modelgate.provider.elevenlabs;

import org.jspecify.annotations.NullMarked;

/** The chat, embedding and speech calls, and the events a chat stream delivers. */
@NullMarked
package io.modelgate.core.chat;

import org.jspecify.annotations.NullMarked;

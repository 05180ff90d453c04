/** Connecting configured provider instances to their drivers, with the right key for the caller. */
@NullMarked
package io.modelgate.core.provider;

import org.jspecify.annotations.NullMarked;

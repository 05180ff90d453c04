/** In-memory adapters of every store port, for tests and for library users who want no database. */
@NullMarked
package io.modelgate.core.memory;

import org.jspecify.annotations.NullMarked;

/** Every store contract run against the in-memory adapters of core. */
@NullMarked
package io.modelgate.store.testkit.memory;

import org.jspecify.annotations.NullMarked;

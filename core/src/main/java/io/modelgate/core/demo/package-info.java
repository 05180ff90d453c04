/** A provider that needs no network and no keys. */
@NullMarked
package io.modelgate.core.demo;

import org.jspecify.annotations.NullMarked;

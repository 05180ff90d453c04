/** The library's front door, {@link io.modelgate.core.Modelgate}: catalog, router and gateway in a few lines. */
@NullMarked
package io.modelgate.core;

import org.jspecify.annotations.NullMarked;

/** The catalog service: discovery, lifecycle, defaults and migrations. */
@NullMarked
package io.modelgate.core.catalog;

import org.jspecify.annotations.NullMarked;

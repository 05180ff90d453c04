/** The catalog's values: model ids, entries, provider instances, lifecycle and health. */
@NullMarked
package io.modelgate.core.model;

import org.jspecify.annotations.NullMarked;

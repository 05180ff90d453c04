/** The usage log's records and reports. */
@NullMarked
package io.modelgate.core.usage;

import org.jspecify.annotations.NullMarked;

/** The errors Modelgate reports, split by whether a retry can help. */
@NullMarked
package io.modelgate.core.error;

import org.jspecify.annotations.NullMarked;

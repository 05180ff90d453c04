/** The replies of the Responses API a caller asked us to keep, and how long they are kept. */
@NullMarked
package io.modelgate.core.responses;

import org.jspecify.annotations.NullMarked;

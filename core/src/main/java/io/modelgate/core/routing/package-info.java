/** Which model serves a request: priorities, aliases and fallbacks. */
@NullMarked
package io.modelgate.core.routing;

import org.jspecify.annotations.NullMarked;

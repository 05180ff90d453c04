/** The one path every call takes: route, check, call, record. */
@NullMarked
package io.modelgate.core.gateway;

import org.jspecify.annotations.NullMarked;

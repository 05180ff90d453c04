/**
 * The ports: one small interface per capability. Provider modules implement the driven side for providers
 * ({@link io.modelgate.core.port.ProviderDriver} and the capability ports), storage modules the stores.
 */
@NullMarked
package io.modelgate.core.port;

import org.jspecify.annotations.NullMarked;

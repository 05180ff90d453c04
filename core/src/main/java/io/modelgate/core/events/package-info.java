/**
 * Live changes of the catalog (models added, status, price and default changes, provider health) for the console
 * and the model picker, found by comparing what the catalog holds over time.
 */
@NullMarked
package io.modelgate.core.events;

import org.jspecify.annotations.NullMarked;

/**
 * One abstract contract test per store port of core, subclassed for every adapter: the in-memory adapters of core
 * and the H2, SQLite and PostgreSQL stores of persistence-jdbi. Each contract asks its subclass for a fresh, empty
 * store and checks every method of the port, its edge cases and its bad input.
 *
 * <p>Instants: the contracts require stores to keep instants to the millisecond; a finer part may be truncated.
 * Amounts of money (USD, prices) are compared by value, not scale: {@code 0.50} and {@code 0.5000000000} agree.
 */
@NullMarked
package io.modelgate.store.testkit;

import org.jspecify.annotations.NullMarked;

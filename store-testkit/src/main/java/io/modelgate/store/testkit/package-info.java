/** One abstract contract test per store port, run against every adapter of it. */
package io.modelgate.store.testkit;

/** Runnable examples of each way to use Modelgate. */
package io.modelgate.examples;

/** adapter-cli: filled by its own issue; not done yet. */
package io.modelgate.adapter.cli;

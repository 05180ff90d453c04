/** providers-ollama: filled by its own issue; not done yet. */
package io.modelgate.provider.ollama;

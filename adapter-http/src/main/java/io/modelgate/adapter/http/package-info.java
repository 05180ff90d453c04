/** adapter-http: filled by its own issue; not done yet. */
package io.modelgate.adapter.http;

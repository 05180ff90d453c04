/** Integration tests of the HTTP service: a real server on a free port, fake upstreams on MockWebServer. */
package io.modelgate.adapter.http;

/**
 * Console sessions: a gateway key typed once into the browser becomes a session whose token lives in an HttpOnly
 * cookie; sessions expire, can be revoked, and are listed per user. The rules (expiry, CSRF tokens, who may revoke
 * what) live here; the HTTP adapter only reads and writes the cookie.
 */
@NullMarked
package io.modelgate.core.session;

import org.jspecify.annotations.NullMarked;

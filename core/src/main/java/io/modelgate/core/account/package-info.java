/** Users, orgs, gateway keys, stored provider keys and the audit trail. */
@NullMarked
package io.modelgate.core.account;

import org.jspecify.annotations.NullMarked;

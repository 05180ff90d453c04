/** Usage counters and limits per user, org and gateway key. */
@NullMarked
package io.modelgate.core.quota;

import org.jspecify.annotations.NullMarked;

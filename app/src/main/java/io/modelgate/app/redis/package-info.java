/**
 * The rpm and tpm counters in Redis, for when {@code MODELGATE_REDIS_URL} is set: {@link RedisQuota} is the entry
 * point; the ledger and usage log it hands out keep every other window in the database.
 */
@NullMarked
package io.modelgate.app.redis;

import org.jspecify.annotations.NullMarked;

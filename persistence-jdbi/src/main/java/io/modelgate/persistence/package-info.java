/**
 * Every store port of core on Jdbi 3, with Flyway migrations and a HikariCP pool, on H2 (the embedded default),
 * SQLite or PostgreSQL. {@link io.modelgate.persistence.JdbiStores} is the entry point; everything else is
 * package-private.
 */
@NullMarked
package io.modelgate.persistence;

import org.jspecify.annotations.NullMarked;

package org.parley.testsupport;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A real PostgreSQL for a test class, from Maven-shipped binaries (zonky): {@link #start()} it into a static field and
 * point the application at it from the class's {@code @DynamicPropertySource} with {@link #useFor}.
 */
public final class EmbeddedPostgresql {

    private EmbeddedPostgresql() {
    }

    /** Starts a new server on a free port; the caller closes it when done. */
    public static EmbeddedPostgres start() {
        try {
            return EmbeddedPostgres.builder().start();
        } catch (IOException e) {
            throw new UncheckedIOException("embedded PostgreSQL did not start", e);
        }
    }

    /** The application's data source: the server's {@code postgres} database as user {@code postgres}. */
    public static void useFor(DynamicPropertyRegistry registry, EmbeddedPostgres postgres) {
        registry.add("spring.datasource.url", () -> postgres.getJdbcUrl("postgres", "postgres"));
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "postgres");
    }
}

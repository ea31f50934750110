package org.parley;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The app on a real PostgreSQL (embedded binaries, no Docker, no network): every test of
 * {@link AbstractMigrationIT}, so the migration and the JPA mappings are checked on the production database.
 */
class PostgresMigrationIT extends AbstractMigrationIT {

    /** Started when the class loads, before Spring builds the context that connects to it. */
    private static final EmbeddedPostgres POSTGRES = start();

    private static EmbeddedPostgres start() {
        try {
            return EmbeddedPostgres.builder().start();
        } catch (IOException e) {
            throw new UncheckedIOException("embedded PostgreSQL did not start", e);
        }
    }

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> POSTGRES.getJdbcUrl("postgres", "postgres"));
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "postgres");
    }

    /**
     * Stops the database once the class is done. Spring closes the app ({@code @DirtiesContext}) right after
     * this; should this not run, the embedded server's own shutdown hook stops it when the JVM exits.
     */
    @AfterAll
    static void stopPostgres() throws IOException {
        POSTGRES.close();
    }

    @Override
    Set<String> indexAndUniqueConstraintNames() {
        return new HashSet<>(jdbc.queryForList(
                "select indexname from pg_indexes where schemaname = current_schema()", String.class));
    }

    @Override
    String databaseProductName() {
        return "PostgreSQL";
    }
}

package org.parley;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.StringWriter;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.parley.testsupport.EmbeddedPostgresql;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The app on a real PostgreSQL (embedded binaries, no Docker, no network): every test of
 * {@link AbstractMigrationIT}, so the migration and the JPA mappings are checked on the production database.
 */
class PostgresMigrationIT extends AbstractMigrationIT {

    /** Started when the class loads, before Spring builds the context that connects to it. */
    private static final EmbeddedPostgres POSTGRES = EmbeddedPostgresql.start();


    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        EmbeddedPostgresql.useFor(registry, POSTGRES);
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

    /**
     * Every table copied out with {@code COPY ... TO STDOUT}, the data part of a logical dump (the embedded binaries
     * ship no pg_dump).
     */
    @Override
    String dumpOfEveryTable() {
        return jdbc.execute((ConnectionCallback<String>) connection -> {
            CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
            StringWriter dump = new StringWriter();
            List<String> tables = jdbc.queryForList("select table_name from information_schema.tables "
                    + "where table_schema = current_schema() and table_type = 'BASE TABLE' order by table_name",
                    String.class);
            for (String table : tables) {
                dump.write("-- " + table + "\n");
                try {
                    copy.copyOut("copy \"" + table + "\" to stdout", dump);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            assertThat(tables).contains("message", "message_media", "line_setting", "contact",
                    "sandbox_phone_message", "conversation");
            return dump.toString();
        });
    }
}

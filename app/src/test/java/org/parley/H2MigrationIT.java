package org.parley;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The app on the embedded default database, H2, in memory: every test of {@link AbstractMigrationIT}. */
class H2MigrationIT extends AbstractMigrationIT {

    @DynamicPropertySource
    static void h2(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:h2it;DB_CLOSE_DELAY=-1");
        registry.add("spring.datasource.username", () -> "parley");
        registry.add("spring.datasource.password", () -> "");
    }

    /** H2 names a unique constraint's index on its own, so the constraints are listed by their name. */
    @Override
    Set<String> indexAndUniqueConstraintNames() {
        Set<String> names = new HashSet<>(jdbc.queryForList(
                "select lower(index_name) from information_schema.indexes where table_schema = 'PUBLIC'",
                String.class));
        names.addAll(jdbc.queryForList(
                "select lower(constraint_name) from information_schema.table_constraints "
                        + "where table_schema = 'PUBLIC' and constraint_type = 'UNIQUE'",
                String.class));
        return names;
    }

    @Override
    String databaseProductName() {
        return "H2";
    }

    /** H2's own dump, {@code SCRIPT TO}: the schema and every row as SQL. */
    @Override
    String dumpOfEveryTable() throws IOException {
        Path file = Files.createTempFile("parley-h2-dump", ".sql");
        try {
            jdbc.execute("script to '" + file + "' charset 'UTF-8'");
            return Files.readString(file);
        } finally {
            Files.delete(file);
        }
    }
}

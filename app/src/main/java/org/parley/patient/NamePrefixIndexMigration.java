package org.parley.patient;

import java.sql.Connection;
import java.sql.Statement;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;
import org.springframework.stereotype.Component;

/**
 * Flyway migration 82 (issue 16): on PostgreSQL, indexes that serve a name search's {@code like 'smi%'}. PostgreSQL
 * uses an ordinary index for a prefix {@code like} only under the C collation; under any other (C.UTF-8, en_US.UTF-8:
 * what installations have) the search read all 100,000 patients. H2 uses its ordinary index for a prefix
 * {@code like}, so it gets nothing. In Java because the operator class is PostgreSQL's syntax only.
 */
@Component
class NamePrefixIndexMigration implements JavaMigration {

    @Override
    public MigrationVersion getVersion() {
        return MigrationVersion.fromVersion("82");
    }

    @Override
    public String getDescription() {
        return "name prefix indexes on postgresql";
    }

    @Override
    public Integer getChecksum() {
        return null;
    }

    @Override
    public boolean canExecuteInTransaction() {
        return true;
    }

    @Override
    public void migrate(Context context) throws Exception {
        Connection connection = context.getConnection();
        if (!"PostgreSQL".equals(connection.getMetaData().getDatabaseProductName())) {
            return;
        }
        try (Statement statement = connection.createStatement()) {
            // ContactRepository.BY_NAME: last name (then first) or first name (then last) starting with what was typed.
            statement.execute("create index ix_contact_last_first_prefix on contact "
                    + "(last_name_key varchar_pattern_ops, first_name_key varchar_pattern_ops)");
            statement.execute("create index ix_contact_first_prefix on contact (first_name_key varchar_pattern_ops)");
        }
    }
}

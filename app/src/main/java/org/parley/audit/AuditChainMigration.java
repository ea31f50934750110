package org.parley.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.OffsetDateTime;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;
import org.springframework.stereotype.Component;

/**
 * Flyway migration 26: seals the audit entries written before the chain existed (V25), oldest first, with the
 * same hash the app uses, so an installed Parley's whole log is covered. In Java because SQL has no SHA-256 that
 * reads the same on H2 and PostgreSQL. The only code that writes to existing audit rows, and it runs once.
 */
@Component
class AuditChainMigration implements JavaMigration {

    @Override
    public MigrationVersion getVersion() {
        return MigrationVersion.fromVersion("26");
    }

    @Override
    public String getDescription() {
        return "seal earlier audit entries into the chain";
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
        long seq;
        String previous;
        try (Statement statement = connection.createStatement();
             ResultSet head = statement.executeQuery(
                     "select last_seq, last_hash from audit_chain_head where id = " + AuditChainHead.ID)) {
            head.next();
            seq = head.getLong(1);
            previous = head.getString(2);
        }
        try (PreparedStatement read = connection.prepareStatement("select id, occurred_at, actor, action, "
                + "target_type, target_id, detail from audit_event where seq is null order by id");
             PreparedStatement seal = connection.prepareStatement(
                     "update audit_event set seq = ?, prev_hash = ?, entry_hash = ? where id = ?")) {
            read.setFetchSize(1000);
            try (ResultSet rows = read.executeQuery()) {
                int batched = 0;
                while (rows.next()) {
                    seq++;
                    String hash = AuditChain.hash(previous, seq,
                            rows.getObject("occurred_at", OffsetDateTime.class).toInstant(), rows.getString("actor"),
                            rows.getString("action"), rows.getString("target_type"), rows.getString("target_id"),
                            rows.getString("detail"));
                    seal.setLong(1, seq);
                    seal.setString(2, previous);
                    seal.setString(3, hash);
                    seal.setLong(4, rows.getLong("id"));
                    seal.addBatch();
                    previous = hash;
                    if (++batched % 1000 == 0) {
                        seal.executeBatch();
                    }
                }
            }
            seal.executeBatch();
        }
        try (PreparedStatement head = connection.prepareStatement(
                "update audit_chain_head set last_seq = ?, last_hash = ? where id = " + AuditChainHead.ID)) {
            head.setLong(1, seq);
            head.setString(2, previous);
            head.executeUpdate();
        }
    }
}

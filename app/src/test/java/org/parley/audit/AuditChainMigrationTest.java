package org.parley.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.h2.Driver;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/** An installed Parley's audit log, written before the chain existed, is sealed by migration 26. */
class AuditChainMigrationTest {

    @Test
    void entriesWrittenBeforeTheChainAreSealedOldestFirstAndTheHeadPointsAtTheNewest() {
        SimpleDriverDataSource database = new SimpleDriverDataSource(new Driver(),
                "jdbc:h2:mem:audit-chain-migration;DB_CLOSE_DELAY=-1", "sa", "");
        JdbcTemplate jdbc = new JdbcTemplate(database);
        Flyway.configure().dataSource(database).target("25").load().migrate();
        for (int i = 0; i < 3; i++) {
            jdbc.update("insert into audit_event (occurred_at, actor, action, target_type, target_id, detail) "
                    + "values (timestamp with time zone '2025-01-0" + (i + 1) + " 10:00:00.123456+00', 'nurse', "
                    + "'LOGIN', null, null, ?)", i == 1 ? null : "detail " + i);
        }

        Flyway.configure().dataSource(database).javaMigrations(new AuditChainMigration()).load().migrate();

        List<Map<String, Object>> rows = jdbc.queryForList("select * from audit_event order by id");
        String previous = AuditChain.GENESIS;
        long seq = 0;
        for (Map<String, Object> row : rows) {
            seq++;
            assertThat(((Number) row.get("seq")).longValue()).isEqualTo(seq);
            assertThat(((Number) row.get("chain_id")).intValue()).as("sealed before V69: chain 1").isEqualTo(1);
            assertThat(row.get("prev_hash")).isEqualTo(previous);
            String expected = AuditChain.hash(previous, seq,
                    ((OffsetDateTime) row.get("occurred_at")).toInstant(), (String) row.get("actor"),
                    (String) row.get("action"), (String) row.get("target_type"), (String) row.get("target_id"),
                    (String) row.get("detail"));
            assertThat(row.get("entry_hash")).isEqualTo(expected);
            previous = expected;
        }
        assertThat(jdbc.queryForMap("select last_seq, last_hash from audit_chain_head where id = 1"))
                .containsEntry("last_seq", 3L).containsEntry("last_hash", previous);
    }
}

package org.parley.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.domain.PageRequest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The tamper-evident audit log on H2 (HIPAA 164.312(b), (c)(1)); {@code AbstractMigrationIT} runs concurrent
 * writers and tampering on H2 and PostgreSQL.
 */
@SpringBootTest(properties = {"spring.datasource.url=jdbc:h2:mem:audit-chain;DB_CLOSE_DELAY=-1",
        "parley.plugins.dir=${parley.test.plugins-dir}"})
class AuditChainIT {

    @Autowired
    AuditLog audit;
    @Autowired
    AuditEntries auditEntries;

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    PlatformTransactionManager transactions;

    @Test
    @WithMockUser(roles = "ADMIN")
    void aLogOfManyEntriesOverSeveralPagesIsIntactAndTheCheckIsAudited() {
        TransactionTemplate tx = new TransactionTemplate(transactions);
        for (int batch = 0; batch < 25; batch++) {
            int b = batch;
            tx.executeWithoutResult(status -> {
                for (int i = 0; i < 100; i++) {
                    audit.record("nurse", AuditAction.CONVERSATION_VIEWED, "conversation", b + "-" + i, null);
                }
            });
        }

        ChainCheck check = audit.checkChain("admin");

        assertThat(check.intact()).isTrue();
        assertThat(check.entriesChecked()).isGreaterThanOrEqualTo(2500);
        assertThat(check.headHash()).matches("[0-9a-f]{64}");
        assertThat(auditEntries.newest("AUDIT_CHAIN_CHECKED", PageRequest.of(0, 1)))
                .first().extracting(AuditEntry::detail).asString().startsWith("intact: ");
    }

    @Test
    @WithMockUser(roles = "ADMIN")
    void anActionThatRollsBackLeavesNoEntryAndNoGapInTheChain() {
        String marker = UUID.randomUUID().toString();

        new TransactionTemplate(transactions).executeWithoutResult(status -> {
            audit.record("nurse", AuditAction.CONVERSATION_VIEWED, "run", marker, null);
            status.setRollbackOnly();
        });

        assertThat(jdbc.queryForObject("select count(*) from audit_event where target_id = ?", Long.class, marker))
                .isZero();
        assertThat(audit.checkChain("admin").intact()).isTrue();
    }

    @Test
    @WithMockUser(roles = "ADMIN")
    void aRowSlippedInAroundParleyIsReported() {
        audit.record("nurse", AuditAction.CONVERSATION_VIEWED, "conversation", "1", null);
        jdbc.update("insert into audit_event (occurred_at, actor, action) values (current_timestamp, 'mallory', "
                + "'LOGIN')");
        long slipped = jdbc.queryForObject("select max(id) from audit_event where actor = 'mallory'", Long.class);
        try {
            ChainCheck check = audit.checkChain("admin");

            assertThat(check.intact()).isFalse();
            assertThat(check.entryId()).isEqualTo(slipped);
            assertThat(check.problem()).contains("no place in the chain");
        } finally {
            jdbc.update("delete from audit_event where id = ?", slipped);
        }
    }

    @Test
    @WithMockUser(roles = "STAFF")
    void staffCannotRunTheCheck() {
        assertThatThrownBy(() -> audit.checkChain("nurse")).isInstanceOf(AccessDeniedException.class);
    }
}

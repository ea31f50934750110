package org.parley.audit;

import jakarta.persistence.EntityManager;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.parley.audit.AuditEvent.AuditDraft;
import org.springframework.core.Ordered;
import org.springframework.data.domain.Limit;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The hash chain that makes the audit log tamper-evident: entry {@code n} stores SHA-256 over entry
 * {@code n-1}'s hash and its own fields, so changing, removing or slipping in a row breaks the chain from there.
 *
 * <p>The log is {@value #CHAINS} such chains side by side (V69), each with its head row ({@link AuditChainHead});
 * a transaction seals all its entries into one of them, chosen at random. Appends to one chain are serialised on its
 * head, locked with {@code select ... for update}, which works the same on H2 and PostgreSQL. An entry is recorded
 * inside the caller's transaction (an action that rolls back leaves none) but sealed into its chain only just before
 * that transaction commits: the head stays locked for the commit alone, not for the whole action, so slow actions
 * never queue every other writer behind them, and a chain's order is its commit order.
 *
 * <p>Why several chains: a head is held through its transaction's commit (on PostgreSQL, the write-ahead log's
 * flush), so with one chain every transaction that writes an audit entry committed one at a time, and that, not the
 * processors, capped how many patients' texts Parley could take in a second (docs/performance.md). With several,
 * that many commit side by side. Each chain on its own still shows a changed, removed or slipped-in entry, and an
 * entry written around Parley belongs to none.
 */
@Component
class AuditChain {

    /** The "previous hash" of the first entry. */
    static final String GENESIS = "0".repeat(64);
    /** How many chains V69 made (ids 1 to this); changing it needs a migration adding the heads. */
    static final int CHAINS = 8;
    private static final int PAGE = 1000;

    private final AuditEventRepository events;
    private final AuditChainHeadRepository heads;
    private final EntityManager entityManager;
    private final TransactionTemplate ownTransaction;
    private final TransactionTemplate readPage;
    private final JdbcClient jdbc;
    private final JdbcTemplate batch;

    AuditChain(AuditEventRepository events, AuditChainHeadRepository heads, EntityManager entityManager,
               PlatformTransactionManager transactions, JdbcClient jdbc, JdbcTemplate batch) {
        this.jdbc = jdbc;
        this.batch = batch;
        this.events = events;
        this.heads = heads;
        this.entityManager = entityManager;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.readPage = new TransactionTemplate(transactions);
        // Each page in a transaction of its own: a check of a large log never holds many entries in memory.
        readPage.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        readPage.setReadOnly(true);
    }

    /** Records an entry in the current transaction; it joins the chain when the transaction commits. */
    void append(AuditDraft draft) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            ownTransaction.executeWithoutResult(status -> append(draft));
            return;
        }
        PendingEntries pending = (PendingEntries) TransactionSynchronizationManager.getResource(this);
        if (pending == null) {
            pending = new PendingEntries();
            TransactionSynchronizationManager.bindResource(this, pending);
            TransactionSynchronizationManager.registerSynchronization(pending);
        }
        if (pending.sealed) {
            // Recorded by another before-commit callback after ours ran: the head is ours already.
            seal(pending.chain, List.of(draft));
        } else {
            pending.drafts.add(draft);
        }
    }

    /**
     * Seals the drafts into the chain in three statements on the transaction's connection: the head read under its
     * lock, the entries inserted in one batch, the head moved on. Plain SQL, not entities: this runs in every
     * audited commit (each patient's text among them), and the entities' persistence context cost several times
     * the statements' own work.
     */
    private void seal(int chain, List<AuditDraft> drafts) {
        long[] seq = new long[1];
        String[] previous = new String[1];
        jdbc.sql("select last_seq, last_hash from audit_chain_head where id = ? for update").param(chain)
                .query(rs -> {
                    seq[0] = rs.getLong(1);
                    previous[0] = rs.getString(2);
                });
        if (previous[0] == null) {
            throw new IllegalStateException("audit chain " + chain + " has no head row");
        }
        List<Object[]> rows = new ArrayList<>(drafts.size());
        for (AuditDraft draft : drafts) {
            long place = ++seq[0];
            String hash = hash(previous[0], place, draft.occurredAt(), draft.actor(), draft.action(),
                    draft.targetType(), draft.targetId(), draft.detail());
            rows.add(new Object[] {OffsetDateTime.ofInstant(draft.occurredAt(), ZoneOffset.UTC), draft.actor(),
                    draft.action(), draft.targetType(), draft.targetId(), draft.detail(), chain, place, previous[0],
                    hash});
            previous[0] = hash;
        }
        batch.batchUpdate("insert into audit_event (occurred_at, actor, action, target_type, target_id, detail, "
                + "chain_id, seq, prev_hash, entry_hash) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows);
        jdbc.sql("update audit_chain_head set last_seq = ?, last_hash = ? where id = ?")
                .params(seq[0], previous[0], chain).update();
    }

    /** The entries of one transaction, sealed into the chain just before it commits. */
    private final class PendingEntries implements TransactionSynchronization {

        final List<AuditDraft> drafts = new ArrayList<>();
        /** Not a lock, a choice: any chain serves; spreading the transactions spreads the waits. */
        final int chain = ThreadLocalRandom.current().nextInt(1, CHAINS + 1);
        boolean sealed;

        @Override
        public int getOrder() {
            // After every other before-commit callback, which may still record entries.
            return Ordered.LOWEST_PRECEDENCE;
        }

        @Override
        public void beforeCommit(boolean readOnly) {
            // The action's own changes take their row locks first; then the head is locked for the commit only.
            // Locking the head first could deadlock with a writer that holds one of those rows and waits for it.
            entityManager.flush();
            seal(chain, drafts);
            sealed = true;
        }

        // An inner REQUIRES_NEW transaction gets entries of its own: these step aside while it runs.
        @Override
        public void suspend() {
            TransactionSynchronizationManager.unbindResource(AuditChain.this);
        }

        @Override
        public void resume() {
            TransactionSynchronizationManager.bindResource(AuditChain.this, this);
        }

        @Override
        public void afterCompletion(int status) {
            TransactionSynchronizationManager.unbindResourceIfPossible(AuditChain.this);
        }
    }

    /**
     * Walks every chain, page by page in place order, and reports the first entry that is missing, was changed, or
     * does not follow the one before; then any entry that has no place in a chain. The head hash it gives is a
     * fingerprint of all chains' heads together.
     */
    ChainCheck check() {
        List<AuditChainHead> all = readPage.execute(status -> heads.heads());
        if (all.isEmpty()) {
            throw new IllegalStateException("the audit chain has no head row");
        }
        String fingerprint = fingerprint(all);
        long checked = 0;
        for (AuditChainHead head : all) {
            ChainCheck one = check(head, checked, fingerprint);
            if (!one.intact()) {
                return one;
            }
            checked = one.entriesChecked();
        }
        Optional<AuditEvent> outside = readPage.execute(status -> events.findFirstBySeqIsNullOrderByIdAsc());
        if (outside.isPresent()) {
            return ChainCheck.broken(checked, null, outside.get().getId(), "entry #" + outside.get().getId()
                    + " was written around Parley: it has no place in the chain", fingerprint);
        }
        return ChainCheck.intact(checked, fingerprint);
    }

    /** One chain; {@code before} entries of the other chains were checked already. */
    private ChainCheck check(AuditChainHead head, long before, String fingerprint) {
        int chain = head.getId();
        String which = " of chain " + chain;
        long lastSeq = head.getLastSeq();
        long expected = 1;
        String previous = GENESIS;
        Long previousId = null;
        while (expected <= lastSeq) {
            long after = expected - 1;
            List<AuditEvent> page = readPage.execute(status -> events.findByChainIdAndSeqGreaterThanOrderBySeqAsc(
                    chain, after, Limit.of(PAGE)));
            if (page.isEmpty()) {
                break;
            }
            for (AuditEvent event : page) {
                if (event.getSeq() > lastSeq) {
                    break;
                }
                long checked = before + expected - 1;
                if (event.getSeq() != expected) {
                    return ChainCheck.broken(checked, expected, null, "entry " + expected + which + " is missing"
                            + (previousId == null ? " (the first)" : " (after entry #" + previousId + ")"),
                            fingerprint);
                }
                if (!previous.equals(event.getPrevHash())) {
                    return ChainCheck.broken(checked, expected, event.getId(), "entry #" + event.getId()
                            + " does not follow the entry before it", fingerprint);
                }
                if (!event.hashMatchesContent()) {
                    return ChainCheck.broken(checked, expected, event.getId(), "entry #" + event.getId()
                            + " was changed after it was written", fingerprint);
                }
                previous = event.getEntryHash();
                previousId = event.getId();
                expected++;
            }
        }
        long checked = before + expected - 1;
        if (expected - 1 < lastSeq) {
            return ChainCheck.broken(checked, expected, null, "the newest entries" + which + ", from entry "
                    + expected + " on, are missing", fingerprint);
        }
        if (!previous.equals(head.getLastHash())) {
            return ChainCheck.broken(checked, lastSeq, previousId, "the newest entry" + which + " does not match "
                    + "its chain's head", fingerprint);
        }
        return ChainCheck.intact(checked, fingerprint);
    }

    /** The heads' hashes, hashed together in chain order: one value for an admin to note down elsewhere. */
    private static String fingerprint(List<AuditChainHead> all) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (AuditChainHead head : all) {
                digest.update((head.getId() + ":" + head.getLastSeq() + ":" + head.getLastHash() + "|")
                        .getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /**
     * The hash of an entry: SHA-256, hex, over the previous entry's hash and the entry's fields, each written
     * with its length (or {@code -} for none) so no two different entries can read the same.
     */
    static String hash(String previousHash, long seq, Instant occurredAt, String actor, String action,
                       String targetType, String targetId, String detail) {
        StringBuilder canonical = new StringBuilder(previousHash).append('|');
        for (String field : new String[] {Long.toString(seq), occurredAt.truncatedTo(ChronoUnit.MICROS).toString(),
                actor, action, targetType, targetId, detail}) {
            if (field == null) {
                canonical.append("-|");
            } else {
                canonical.append(field.length()).append(':').append(field).append('|');
            }
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(canonical.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}

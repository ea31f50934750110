package org.parley.chart;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.parley.audit.AuditAction;
import org.parley.audit.AuditLog;
import org.parley.base.LeasedQueue;
import org.parley.base.NodeId;
import org.parley.base.PolledQueue;
import org.parley.base.RetryBackoff;
import org.parley.plugin.ChartAttachment;
import org.parley.plugin.ChartExport;
import org.parley.plugin.ExportResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The durable chart export queue, built like the notification queue: an export is in the database before any
 * exporter sees it, with a {@code chart_export_task} row worked under leases ({@link LeasedQueue}), so several nodes
 * on one database never send one export at the same time. The queue's own thread ({@link PolledQueue}) claims due
 * tasks one at a time (so this node calls an exporter from one thread at a time, as the plugin API promises), calls
 * the exporter outside any transaction, and records the answer: exported, tried again later with exponential back-off
 * (an EHR that is down loses nothing), or failed with the EHR's reason until a person retries. An export a node was
 * sending when it died is taken over by another node once its lease has run out, never before; the export id it
 * carries lets the EHR refuse a duplicate. Logs ids only, never PHI.
 */
@Component
class ChartExportQueue extends PolledQueue {

    private static final Logger log = LoggerFactory.getLogger(ChartExportQueue.class);
    private static final int BATCH = 20;

    private final ExportRepository exports;
    private final ExportDocumentRepository documents;
    private final ChartExportSources sources;
    private final ExporterGateway gateway;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final ChartExportSettings settings;
    private final LeasedQueue queue;
    private final ChartExportTasks exportTasks;
    private volatile boolean stopping;

    ChartExportQueue(ExportRepository exports, ExportDocumentRepository documents, ChartExportSources sources,
                     ExporterGateway gateway, AuditLog audit, ApplicationEventPublisher events, TransactionTemplate tx,
                     Clock clock, JdbcClient jdbc, NodeId node, ChartExportTasks exportTasks,
                     ChartExportSettings settings) {
        super("parley-chart-export", settings.pollInterval());
        this.exports = exports;
        this.documents = documents;
        this.sources = sources;
        this.gateway = gateway;
        this.audit = audit;
        this.events = events;
        this.tx = tx;
        this.clock = clock;
        this.settings = settings;
        this.exportTasks = exportTasks;
        this.queue = new LeasedQueue(jdbc, tx, ChartExportTasks.TABLE, node.value(), clock, settings.lease());
    }

    /** Sends an export right after it is committed, without waiting for the next poll; returns at once. */
    @TransactionalEventListener
    void onQueued(ChartExportQueued queued) {
        thread.wake();
    }

    @Override
    public void start() {
        stopping = false;
        super.start();
    }

    /**
     * Parley stops: the export in hand is finished and its answer recorded (the database is still there), no next
     * one is taken. What is left queued goes out from another node, or after the restart.
     */
    @Override
    public void stop() {
        stopping = true;
        super.stop();
    }

    /** Sends every due export in the calling thread (see {@link org.parley.base.QueueThread#runHere()}): for tests. */
    void sendDue() {
        thread.runHere();
    }

    @Override
    protected void workDue() {
        List<Long> due;
        do {
            due = queue.due(BATCH);
            for (long taskId : due) {
                if (stopping) {
                    return;
                }
                queue.claim(taskId).ifPresent(this::send);
            }
        } while (due.size() == BATCH && !stopping);
    }

    private record Prepared(String exporterId, ChartExport export) {
    }

    private void send(LeasedQueue.Lease lease) {
        Optional<String> task = exportTasks.exportOf(lease.id());
        if (task.isEmpty()) {
            return; // deleted with its export a moment ago
        }
        String exportId = task.get();
        Optional<Prepared> prepared;
        try {
            prepared = tx.execute(status -> prepare(exportId, lease, status));
        } catch (IllegalArgumentException e) {
            // a selected message is gone: nothing a retry can fix (the message names no patient)
            recordUnderLease(exportId, lease, ExportResult.permanentFailure(e.getMessage()));
            return;
        } catch (RuntimeException e) {
            log.warn("Chart export {} could not be assembled: {}", exportId, e.getClass().getName());
            recordUnderLease(exportId, lease,
                    ExportResult.retryableFailure("Parley could not assemble the export; it will try again."));
            return;
        }
        if (prepared == null || prepared.isEmpty()) {
            return;
        }
        ExportResult result = gateway.export(prepared.get().exporterId(), prepared.get().export());
        recordUnderLease(exportId, lease, result);
    }

    /**
     * Records the exporter's answer and finishes the task (or sets its next try) in one transaction. When the lease
     * ran out meanwhile and another node took the task over, nothing is recorded here: that node sends it again
     * with the same export id and records its answer.
     */
    private void recordUnderLease(String exportId, LeasedQueue.Lease lease, ExportResult result) {
        Boolean recorded = tx.execute(status -> {
            Export export = exports.findById(exportId).orElse(null);
            boolean stillOurs = export == null ? queue.finish(lease) : switch (result) {
                case ExportResult.Failed failed when failed.retryable() ->
                        queue.retryLater(lease, clock.instant().plus(backoff(export.getAttempts())));
                default -> queue.finish(lease);
            };
            if (!stillOurs) {
                status.setRollbackOnly();
                return false;
            }
            if (export != null) {
                record(export, result);
            }
            return true;
        });
        if (!Boolean.TRUE.equals(recorded)) {
            log.warn("Chart export {} outlasted its lease and was taken over by another node", exportId);
        }
    }

    private Optional<Prepared> prepare(String exportId, LeasedQueue.Lease lease,
                                       TransactionStatus status) {
        Export export = exports.findById(exportId).orElse(null);
        if (export == null || !export.startSending(clock.instant())) {
            // exported or failed meanwhile (a task left over): nothing to send
            queue.finish(lease);
            return Optional.empty();
        }
        export.countAttempt();
        ChartExportSources.Assembled assembled = sources.assemble(export.request(),
                sources.chartStaff(export.getStaffUserId()));
        if (assembled instanceof ChartExportSources.Assembled.Refused(String reason)) {
            // Checked again: the patient record may have changed since the export was queued.
            if (queue.finish(lease)) {
                record(export, ExportResult.permanentFailure(reason));
            } else {
                status.setRollbackOnly();
            }
            return Optional.empty();
        }
        return Optional.of(new Prepared(export.getExporterId(),
                ((ChartExportSources.Assembled.Ready) assembled).export()));
    }

    private void record(Export export, ExportResult result) {
        Instant now = clock.instant();
        int count = export.getMessageIds().size();
        switch (result) {
            case ExportResult.Exported exported -> {
                ChartAttachment document = exported.document();
                if (document != null) {
                    documents.save(new ExportDocument(export.getId(), document.fileName(), document.contentType(),
                            document.data(), now));
                }
                export.exported(exported.reference(), document == null ? null : document.fileName(), now);
                audit.record(AuditLog.SYSTEM, AuditAction.CHART_EXPORT_SENT, "conversation",
                        String.valueOf(export.getConversationId()), ChartExportService.detail(export));
                events.publishEvent(new ChartExported(export.getId(), export.getConversationId(),
                        export.getExporterId(), count));
                log.info("Chart export {} went to exporter '{}'", export.getId(), export.getExporterId());
            }
            case ExportResult.Failed failed when failed.retryable() -> {
                export.retryLater(failed.reason(), now.plus(backoff(export.getAttempts())), now);
                // The first retryable failure is audited; the retries of a long outage are not, one by one.
                if (export.getAttempts() <= 1) {
                    audit.record(AuditLog.SYSTEM, AuditAction.CHART_EXPORT_FAILED, "conversation",
                            String.valueOf(export.getConversationId()),
                            ChartExportService.detail(export) + ", retrying");
                }
                events.publishEvent(new ChartExportFailed(export.getId(), export.getConversationId(),
                        export.getExporterId(), count, true));
                log.info("Chart export {} will be retried (attempt {} failed and may work later)", export.getId(),
                        export.getAttempts());
            }
            case ExportResult.Failed failed -> {
                export.failed(failed.reason(), now);
                audit.record(AuditLog.SYSTEM, AuditAction.CHART_EXPORT_FAILED, "conversation",
                        String.valueOf(export.getConversationId()), ChartExportService.detail(export) + ", permanent");
                events.publishEvent(new ChartExportFailed(export.getId(), export.getConversationId(),
                        export.getExporterId(), count, false));
                log.info("Chart export {} failed and waits for a person", export.getId());
            }
        }
    }

    /** 30 s, 1 min, 2 min... up to the configured maximum; never given up, so an export is never lost. */
    Duration backoff(int attempts) {
        return new RetryBackoff(settings.firstRetry(), settings.maxRetryDelay()).after(attempts);
    }
}

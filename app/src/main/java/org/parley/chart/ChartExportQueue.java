package org.parley.chart;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.parley.audit.AuditLog;
import org.parley.plugin.ChartAttachment;
import org.parley.plugin.ChartExport;
import org.parley.plugin.ExportResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.data.domain.PageRequest;
import org.springframework.scheduling.annotation.Async;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The durable chart export queue, built like the outbound text queue: an export is in the database before any
 * exporter sees it; one worker claims due exports one at a time, calls the exporter outside any transaction, and
 * records the answer: exported, tried again later with exponential back-off (an EHR that is down loses nothing), or
 * failed with the EHR's reason until a person retries. Exports a stopped app left in flight are queued again at
 * start; the export id they carry lets the EHR refuse a duplicate. Logs ids only, never PHI.
 */
@Component
class ChartExportQueue {

    private static final Logger log = LoggerFactory.getLogger(ChartExportQueue.class);
    private static final int BATCH = 20;
    /** How long stopping Parley waits for the export in hand (an exporter's own timeouts are shorter). */
    private static final Duration STOP_WAIT = Duration.ofSeconds(30);

    private final ExportRepository exports;
    private final ExportDocumentRepository documents;
    private final ChartExportSources sources;
    private final ExporterGateway gateway;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final Duration firstRetry;
    private final Duration maxRetryDelay;
    private volatile boolean ready;
    private final org.parley.base.OneWorker worker = new org.parley.base.OneWorker();

    ChartExportQueue(ExportRepository exports, ExportDocumentRepository documents, ChartExportSources sources,
                     ExporterGateway gateway, AuditLog audit, ApplicationEventPublisher events, TransactionTemplate tx,
                     Clock clock, @Value("${parley.chart.first-retry:30s}") Duration firstRetry,
                     @Value("${parley.chart.max-retry-delay:1h}") Duration maxRetryDelay) {
        this.exports = exports;
        this.documents = documents;
        this.sources = sources;
        this.gateway = gateway;
        this.audit = audit;
        this.events = events;
        this.tx = tx;
        this.clock = clock;
        this.firstRetry = firstRetry;
        this.maxRetryDelay = maxRetryDelay;
    }

    /**
     * Parley stops: the export in hand is finished and its answer recorded (the database is still there), no next
     * one is taken. Runs before the web server and the database shut down; what is left queued goes out after the
     * restart.
     */
    @EventListener(ContextClosedEvent.class)
    void finishTheExportInHand() {
        if (!worker.stop(STOP_WAIT)) {
            log.warn("A chart export was still being sent after {} s; it is sent again after the restart",
                    STOP_WAIT.toSeconds());
        }
    }

    @EventListener(ApplicationReadyEvent.class)
    void resumeAfterRestart() {
        Integer requeued = tx.execute(status -> exports.requeueInFlight(clock.instant()));
        if (requeued != null && requeued > 0) {
            log.info("Queued {} chart export(s) again that were being sent when Parley stopped", requeued);
        }
        ready = true;
        sendDue();
    }

    /** Sends an export right after it is committed, without waiting for the next poll. */
    @Async
    @TransactionalEventListener
    void onQueued(ChartExportQueued queued) {
        sendDue();
    }

    @Scheduled(fixedDelayString = "${parley.chart.poll-interval:5s}",
            initialDelayString = "${parley.chart.poll-interval:5s}")
    void poll() {
        sendDue();
    }

    /**
     * Sends every due export. Safe to call from several threads at once: one thread sends (so an exporter is called
     * by one thread at a time, as the plugin API promises), and a call that arrives meanwhile makes it look again.
     */
    void sendDue() {
        if (!ready) {
            return;
        }
        worker.run(this::sendDueNow);
    }

    private void sendDueNow() {
        List<String> due;
        do {
            due = exports.findDue(ExportStatus.QUEUED, clock.instant(), PageRequest.of(0, BATCH));
            for (String id : due) {
                if (worker.stopping()) {
                    return;
                }
                Integer claimed = tx.execute(status -> exports.claim(id));
                if (claimed != null && claimed == 1) {
                    send(id);
                }
            }
        } while (due.size() == BATCH && !worker.stopping());
    }

    private record Prepared(String exporterId, ChartExport export) {
    }

    private void send(String exportId) {
        Optional<Prepared> prepared;
        try {
            prepared = tx.execute(status -> prepare(exportId));
        } catch (IllegalArgumentException e) {
            // a selected message is gone: nothing a retry can fix (the message names no patient)
            tx.executeWithoutResult(status -> record(exportId, ExportResult.permanentFailure(e.getMessage())));
            return;
        } catch (RuntimeException e) {
            log.warn("Chart export {} could not be assembled: {}", exportId, e.getClass().getName());
            tx.executeWithoutResult(status -> record(exportId,
                    ExportResult.retryableFailure("Parley could not assemble the export; it will try again.")));
            return;
        }
        if (prepared == null || prepared.isEmpty()) {
            return;
        }
        ExportResult result = gateway.export(prepared.get().exporterId(), prepared.get().export());
        tx.executeWithoutResult(status -> record(exportId, result));
    }

    private Optional<Prepared> prepare(String exportId) {
        Export export = exports.findById(exportId).orElse(null);
        if (export == null) {
            return Optional.empty();
        }
        export.countAttempt();
        ChartExportSources.Assembled assembled = sources.assemble(export.request(),
                sources.chartStaff(export.getStaffUserId()));
        if (assembled instanceof ChartExportSources.Assembled.Refused(String reason)) {
            // Checked again: the patient record may have changed since the export was queued.
            record(export, ExportResult.permanentFailure(reason));
            return Optional.empty();
        }
        return Optional.of(new Prepared(export.getExporterId(),
                ((ChartExportSources.Assembled.Ready) assembled).export()));
    }

    private void record(String exportId, ExportResult result) {
        exports.findById(exportId).ifPresent(export -> record(export, result));
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
                audit.record(AuditLog.SYSTEM, "CHART_EXPORT_SENT", "conversation",
                        String.valueOf(export.getConversationId()), ChartExportService.detail(export));
                events.publishEvent(new ChartExported(export.getId(), export.getConversationId(),
                        export.getExporterId(), count));
                log.info("Chart export {} went to exporter '{}'", export.getId(), export.getExporterId());
            }
            case ExportResult.Failed failed when failed.retryable() -> {
                export.retryLater(failed.reason(), now.plus(backoff(export.getAttempts())), now);
                // The first retryable failure is audited; the retries of a long outage are not, one by one.
                if (export.getAttempts() <= 1) {
                    audit.record(AuditLog.SYSTEM, "CHART_EXPORT_FAILED", "conversation",
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
                audit.record(AuditLog.SYSTEM, "CHART_EXPORT_FAILED", "conversation",
                        String.valueOf(export.getConversationId()), ChartExportService.detail(export) + ", permanent");
                events.publishEvent(new ChartExportFailed(export.getId(), export.getConversationId(),
                        export.getExporterId(), count, false));
                log.info("Chart export {} failed and waits for a person", export.getId());
            }
        }
    }

    /** 30 s, 1 min, 2 min... up to the configured maximum; never given up, so an export is never lost. */
    Duration backoff(int attempts) {
        return new org.parley.base.RetryBackoff(firstRetry, maxRetryDelay).after(attempts);
    }
}

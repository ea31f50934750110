package org.parley.chart;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.UUID;
import org.parley.audit.AuditAction;
import org.parley.audit.AuditLog;
import org.parley.conversation.Direction;
import org.parley.conversation.MessageStatus;
import org.parley.conversation.event.ConversationsCombined;
import org.parley.plugin.ChartAttachment;
import org.parley.plugin.ChartExport;
import org.parley.plugin.ExportPreview;
import org.parley.security.StaffDirectory;
import org.parley.security.StaffMember;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What staff do to copy messages to a patient's chart: preview exactly what an exporter would send, queue it, retry
 * a failure, see where each message went, and copy chart-ready text to the clipboard. Every export, and every copy,
 * is in the audit log.
 */
@Service
// Patients' data only for a session with the STAFF or ADMIN role (see StaffAccess).
@PreAuthorize("@staffAccess.permitsPhi()")
public class ChartExportService {

    private final ExportRepository exports;
    private final ChartExportTasks tasks;
    private final ExportDocumentRepository documents;
    private final ExporterService exporters;
    private final ChartExportSources sources;
    private final ExporterGateway gateway;
    private final StaffDirectory staff;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate tx;
    private final Clock clock;

    ChartExportService(ExportRepository exports, ExportDocumentRepository documents, ExporterService exporters,
                       ChartExportSources sources, ExporterGateway gateway, StaffDirectory staff, AuditLog audit,
                       ApplicationEventPublisher events, TransactionTemplate tx, Clock clock,
                       ChartExportTasks tasks) {
        this.tasks = tasks;
        this.exports = exports;
        this.documents = documents;
        this.exporters = exporters;
        this.sources = sources;
        this.gateway = gateway;
        this.staff = staff;
        this.audit = audit;
        this.events = events;
        this.tx = tx;
        this.clock = clock;
    }

    /** Whether a message of the thread can be chosen for the chart: not Parley's notices, not undelivered replies. */
    public static boolean selectable(Direction direction, MessageStatus status) {
        return ChartExportBuilder.selectable(direction, status);
    }

    /**
     * Exactly what the exporter would send for this request, after Parley's rules and the exporter's own check.
     * The answer's request carries the export id and time to send with.
     *
     * @throws IllegalArgumentException with a reason staff can act on when the export is refused
     * @throws IllegalStateException    when the exporter cannot be called (disabled, plugin not loaded, failed)
     */
    public PreviewedExport preview(StaffMember by, ExportRequest request) {
        // Milliseconds: what the database keeps, so the export built again at sending time is the same.
        ExportRequest previewed = request.previewed(
                request.exportId() == null ? UUID.randomUUID().toString() : request.exportId(),
                clock.instant().truncatedTo(ChronoUnit.MILLIS));
        ChartSendable sendable = sendable(by, previewed);
        ExportPreview preview = gateway.preview(previewed.exporterId(), sendable.export());
        return new PreviewedExport(previewed, preview);
    }

    /**
     * Stores a previewed export for sending; the queue sends it after commit and retries a retryable failure. The
     * same export id queued twice (a double click) is one export.
     *
     * @return the export id
     * @throws IllegalArgumentException with a reason staff can act on when the export is refused
     * @throws IllegalStateException    when the exporter cannot be called
     */
    public String queue(StaffMember by, ExportRequest request) {
        if (request.exportId() == null || request.requestedAt() == null) {
            throw new IllegalArgumentException("Preview the export before sending it.");
        }
        Optional<Export> existing = exports.findById(request.exportId());
        if (existing.isPresent()) {
            return alreadyQueued(existing.get(), request);
        }
        ChartSendable sendable = sendable(by, request);
        try {
            return tx.execute(status -> {
                Export export = exports.saveAndFlush(new Export(request, sendable.patientId(), by.id(),
                        clock.instant()));
                tasks.due(export.getId(), clock.instant());
                audit.record(by.username(), AuditAction.CHART_EXPORT_QUEUED, "conversation",
                        String.valueOf(request.conversationId()), detail(export));
                events.publishEvent(new ChartExportQueued(export.getId(), export.getConversationId(),
                        export.getExporterId(), export.getMessageIds().size()));
                return export.getId();
            });
        } catch (DataIntegrityViolationException e) {
            // queued meanwhile by another request with the same id
            return alreadyQueued(exports.findById(request.exportId()).orElseThrow(() -> e), request);
        }
    }

    private static String alreadyQueued(Export existing, ExportRequest request) {
        if (existing.getConversationId() != request.conversationId()) {
            throw new IllegalArgumentException("This export id belongs to another conversation.");
        }
        return existing.getId();
    }

    private record ChartSendable(ChartExport export, long patientId) {
    }

    /** Parley's rules, then the exporter's own check: the same before the preview and before queueing. */
    private ChartSendable sendable(StaffMember by, ExportRequest request) {
        if (request.exporterId() == null || request.exporterId().isBlank()) {
            throw new IllegalArgumentException("Choose where to send the messages.");
        }
        ChartExportSources.Assembled assembled = sources.assemble(request, sources.chartStaff(by));
        if (assembled instanceof ChartExportSources.Assembled.Refused(String reason)) {
            throw new IllegalArgumentException(reason);
        }
        ChartExportSources.Assembled.Ready ready = (ChartExportSources.Assembled.Ready) assembled;
        gateway.check(request.exporterId(), ready.export()).ifPresent(reason -> {
            throw new IllegalArgumentException(reason);
        });
        return new ChartSendable(ready.export(), ready.patientId());
    }

    /**
     * Queues an export again: a permanent failure after staff fixed its cause, or an export waiting after a
     * retryable failure, now rather than at its next try.
     *
     * @throws IllegalStateException when the export is in the chart already or being sent
     */
    @Transactional
    public void retry(StaffMember by, String exportId) {
        Export export = exports.findById(exportId)
                .orElseThrow(() -> new NoSuchElementException("There is no such chart export."));
        if (export.getStatus() == ExportStatus.EXPORTED) {
            throw new IllegalStateException("This export is in the chart already.");
        }
        if (export.getStatus() == ExportStatus.SENDING) {
            throw new IllegalStateException("This export is being sent right now.");
        }
        export.requeue(clock.instant());
        tasks.due(export.getId(), clock.instant());
        audit.record(by.username(), AuditAction.CHART_EXPORT_RETRIED, "conversation", String.valueOf(export.getConversationId()),
                detail(export));
        events.publishEvent(new ChartExportQueued(export.getId(), export.getConversationId(), export.getExporterId(),
                export.getMessageIds().size()));
    }

    /** The exports that hold any of these messages, oldest first. */
    @Transactional(readOnly = true)
    public List<ExportView> exportsOf(Collection<Long> messageIds) {
        if (messageIds.isEmpty()) {
            return List.of();
        }
        List<Export> found = exports.containingAny(messageIds);
        Map<String, String> names = exporters.names();
        Map<Long, String> requesters = new HashMap<>();
        found.stream().map(Export::getStaffUserId).distinct().forEach(id -> requesters.put(id,
                staff.find(id).map(StaffMember::displayName).orElse("Former staff")));
        return found.stream().map(e -> view(e, names, requesters)).toList();
    }

    /** One export. */
    @Transactional(readOnly = true)
    public Optional<ExportView> find(String exportId) {
        return exports.findById(exportId).map(e -> view(e, exporters.names(),
                Map.of(e.getStaffUserId(), staff.find(e.getStaffUserId()).map(StaffMember::displayName)
                        .orElse("Former staff"))));
    }

    private static ExportView view(Export e, Map<String, String> names, Map<Long, String> requesters) {
        return new ExportView(e.getId(), e.getConversationId(), e.getMessageIds(),
                names.getOrDefault(e.getExporterId(), e.getExporterId()), e.getStatus(), e.getReference(),
                e.getReason(), e.getAttempts(), e.getNextAttemptAt(), e.getRequestedAt(), e.getExportedAt(),
                requesters.get(e.getStaffUserId()), e.getDocumentName());
    }

    /** The document an exporter returned for an export (e.g. the PDF written); the download is audited. */
    @Transactional
    public Optional<ChartAttachment> document(StaffMember by, String exportId) {
        Optional<ChartAttachment> document = documents.findById(exportId)
                .map(d -> new ChartAttachment(d.getFileName(), d.getContentType(), d.getData()));
        document.ifPresent(d -> audit.record(by.username(), AuditAction.CHART_DOCUMENT_DOWNLOADED, "chart_export", exportId,
                null));
        return document;
    }

    /** Records that a previewed export's whole document was downloaded before sending (it holds PHI). */
    public void previewDownloaded(StaffMember by, String exportId) {
        audit.record(by.username(), AuditAction.CHART_PREVIEW_DOWNLOADED, "chart_export", exportId, null);
    }

    /**
     * Chart-ready text of these messages (patient, date of birth, date and time, author, text) for the clipboard,
     * for practices without an exporter; recorded in the audit log as an export.
     *
     * @throws IllegalArgumentException with a reason staff can act on, by the same rules as an export
     */
    @Transactional
    public String copyForChart(StaffMember by, long conversationId, List<Long> messageIds) {
        ExportRequest request = new ExportRequest(UUID.randomUUID().toString(), conversationId, messageIds, null,
                null, null, clock.instant());
        ChartExportSources.Assembled assembled = sources.assemble(request, sources.chartStaff(by));
        if (assembled instanceof ChartExportSources.Assembled.Refused(String reason)) {
            throw new IllegalArgumentException(reason);
        }
        ChartExport export = ((ChartExportSources.Assembled.Ready) assembled).export();
        audit.record(by.username(), AuditAction.CHART_COPIED, "conversation", String.valueOf(conversationId),
                "clipboard, " + export.messages().size() + (export.messages().size() == 1 ? " message" : " messages"));
        return ChartText.of(export, gateway.practiceTimeZone());
    }

    /** The audit detail of an export: where, how many, which; never PHI. */
    static String detail(Export export) {
        int count = export.getMessageIds().size();
        return "exporter " + export.getExporterId() + ", " + count + (count == 1 ? " message" : " messages")
                + ", export " + export.getId();
    }

    /** A conversation combined into another (merged patient records) takes its chart exports along. */
    @EventListener
    void on(ConversationsCombined combined) {
        exports.moveAll(combined.goneId(), combined.keptId());
    }
}

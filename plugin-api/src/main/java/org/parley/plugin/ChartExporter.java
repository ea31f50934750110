package org.parley.plugin;

import java.util.Optional;
import org.pf4j.ExtensionPoint;

/**
 * Copies selected messages of a patient's conversation into the patient's medical record (the EHR), or into a
 * document the EHR takes in: the "Copy to chart" action.
 *
 * <p>An exporter is stateless: each call gets its configured settings through the {@link ExporterContext}, so one
 * plugin can serve several configured exporters (e.g. two EHRs). Parley calls {@link #export} from one background
 * thread at a time per configured exporter and retries a {@link ExportResult.Failed#retryable() retryable}
 * failure with back-off, always with the same {@link ChartExport#exportId()}: an exporter that can must use that
 * id to make a retry write nothing twice.
 *
 * <p>Protected health information: the {@link ChartExport} is full of it. Never log it, and never put it into an
 * exception message or a failure reason; a reason names the problem ("no patient with this MRN in the EHR"), not
 * the patient.
 *
 * @since 1.2.0
 */
public interface ChartExporter extends ExtensionPoint {

    /** What this exporter is and which settings it needs; drawn as the admin's settings form. */
    ExporterDescriptor descriptor();

    /**
     * Checks, before anything is sent, that this export can work: e.g. that the patient can be identified the way
     * this EHR needs. Parley shows the answer and does not send.
     *
     * @return a reason a staff member can act on, or empty when the export may go ahead
     */
    default Optional<String> checkBeforeSending(ExporterContext context, ChartExport export) {
        return Optional.empty();
    }

    /**
     * Exactly what {@link #export} would send for this export, for the staff member to read before sending. Must be
     * deterministic: the same export gives the same preview and the same content is sent.
     */
    ExportPreview preview(ExporterContext context, ChartExport export);

    /**
     * Sends the export. Must not throw for an EHR that is down or refuses: answer a {@link ExportResult.Failed}
     * instead (an unexpected exception is treated as a retryable failure with a generic reason).
     */
    ExportResult export(ExporterContext context, ChartExport export);

    /** Checks the settings against the EHR (reachable, credentials accepted), for the admin's "Test connection". */
    default ConnectionCheck testConnection(ExporterContext context) {
        return ConnectionCheck.failed("This exporter cannot test its connection.");
    }
}

package org.parley.hl7v2;

import ca.uhn.hl7v2.HL7Exception;
import java.util.Optional;
import org.parley.plugin.ChartExport;
import org.parley.plugin.ChartExporter;
import org.parley.plugin.ConnectionCheck;
import org.parley.plugin.ExportPreview;
import org.parley.plugin.ExportResult;
import org.parley.plugin.ExporterContext;
import org.parley.plugin.ExporterDescriptor;
import org.pf4j.Extension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies messages into the chart as an HL7 v2.5.1 MDM^T02 document, sent over MLLP (optionally TLS), and reads
 * the EHR's ACK.
 *
 * <p>Stateless apart from the HAPI parser, which one instance shares across every configured exporter. Logs
 * carry control IDs, hosts and acknowledgement codes only: never the message, the EHR's error text (which may
 * quote the patient) or HAPI's exception messages (which quote values).
 */
@Extension
public class Hl7v2Exporter implements ChartExporter {

    /** What {@link #preview} answers: the message exactly as it is sent. */
    public static final String MEDIA_TYPE = "x-application/hl7-v2+er7";

    static final String NO_MRN = "This patient has no MRN in Parley, and the EHR files HL7 documents by MRN "
            + "(PID-3): add the patient's MRN to the patient's details first.";

    private static final Logger log = LoggerFactory.getLogger(Hl7v2Exporter.class);

    private static final ExporterDescriptor DESCRIPTOR = new ExporterDescriptor(
            "hl7v2-export",
            "HL7 v2 (MDM^T02 over MLLP)",
            "Files the copied messages in the EHR as one text document per copy: an HL7 v2.5.1 MDM^T02 sent to "
                    + "the EHR's (or interface engine's) MLLP listener, with the patient identified by MRN. The "
                    + "EHR's interface team gives you the host, port, application and facility names and "
                    + "document type codes; tell them the document number (TXA-12) repeats when Parley retries.",
            InterfaceSettings.properties());

    private final Er7Codec codec = new Er7Codec();

    @Override
    public ExporterDescriptor descriptor() {
        return DESCRIPTOR;
    }

    /** Refuses a patient without an MRN, and settings that cannot work. */
    @Override
    public Optional<String> checkBeforeSending(ExporterContext context, ChartExport export) {
        if (export.patient().mrn() == null) {
            return Optional.of(NO_MRN);
        }
        try {
            InterfaceSettings.of(context);
            return Optional.empty();
        } catch (InterfaceSettings.InvalidSetting e) {
            return Optional.of("The HL7 export is not set up right: " + e.getMessage() + ".");
        }
    }

    /**
     * The ER7 text that {@link #export} sends, segments ended by carriage returns.
     *
     * @throws IllegalStateException naming a setting that cannot work
     */
    @Override
    public ExportPreview preview(ExporterContext context, ChartExport export) {
        try {
            return ExportPreview.text(MEDIA_TYPE, ChartDocument.compose(InterfaceSettings.of(context), export, codec)
                    .er7());
        } catch (HL7Exception e) {
            throw new IllegalStateException("the HL7 document could not be written");
        }
    }

    @Override
    public ExportResult export(ExporterContext context, ChartExport export) {
        if (export.patient().mrn() == null) {
            return ExportResult.permanentFailure(NO_MRN);
        }
        InterfaceSettings settings;
        ChartDocument document;
        try {
            settings = InterfaceSettings.of(context);
            document = ChartDocument.compose(settings, export, codec);
        } catch (InterfaceSettings.InvalidSetting e) {
            return ExportResult.permanentFailure("The HL7 export is not set up right: " + e.getMessage() + ".");
        } catch (HL7Exception e) {
            log.warn("HL7 document for export {} could not be written ({})", export.exportId(),
                    e.getClass().getSimpleName());
            return ExportResult.permanentFailure("The HL7 document could not be written.");
        }
        String answer;
        try (MllpConnection connection = MllpConnection.open(settings)) {
            answer = connection.exchange(document.er7());
        } catch (MllpConnection.Failure e) {
            log.info("HL7 document {} not delivered to {} ({})", document.controlId(), settings.address(),
                    e.retryable() ? "will retry" : "permanent");
            return e.retryable() ? ExportResult.retryableFailure(e.getMessage())
                    : ExportResult.permanentFailure(e.getMessage());
        }
        Acknowledgement ack;
        try {
            ack = codec.readAcknowledgement(answer);
        } catch (HL7Exception e) {
            log.info("HL7 document {}: the answer from {} is not an acknowledgement", document.controlId(),
                    settings.address());
            return ExportResult.retryableFailure("The EHR's answer could not be read as an HL7 acknowledgement.");
        }
        if (!ack.acknowledges(document.controlId())) {
            log.info("HL7 document {}: {} acknowledged another control ID", document.controlId(), settings.address());
            return ExportResult.retryableFailure("The EHR's acknowledgement was for another message.");
        }
        log.info("HL7 document {} acknowledged {} {} by {}", document.controlId(), ack.code(), ack.errorCodes(),
                settings.address());
        return ack.result(document.controlId(), export.patient());
    }

    /** Connects, with TLS completes the handshake, and closes again: nothing is sent. */
    @Override
    public ConnectionCheck testConnection(ExporterContext context) {
        InterfaceSettings settings;
        try {
            settings = InterfaceSettings.of(context);
        } catch (InterfaceSettings.InvalidSetting e) {
            return ConnectionCheck.failed("The HL7 export is not set up right: " + e.getMessage() + ".");
        }
        try (MllpConnection connection = MllpConnection.open(settings)) {
            String tls = connection.tlsProtocol();
            return ConnectionCheck.ok("Connected to the HL7 interface at " + settings.address()
                    + (tls == null ? " (without TLS)." : " over " + tls + "; the certificate is trusted."));
        } catch (MllpConnection.Failure e) {
            return ConnectionCheck.failed(e.getMessage());
        }
    }
}

package org.parley.fhirexport;

import ca.uhn.fhir.context.FhirContext;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestComponent;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestResourceComponent;
import org.hl7.fhir.r4.model.CapabilityStatement.TypeRestfulInteraction;
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
 * Copy to chart into an EHR over FHIR R4: the export becomes one {@code DocumentReference} about the patient found
 * by MRN (or name and date of birth), written with a conditional create on the export's id, so a retry never writes
 * twice. One instance serves every configured exporter; each call reads its settings from the context.
 */
@Extension
public class FhirChartExporter implements ChartExporter {

    static final String ID = "fhir-export";
    private static final Logger log = LoggerFactory.getLogger(FhirChartExporter.class);
    private static final String WRITING = "writing the document";

    private final FhirContext fhir;
    private final ChartDocument documents;
    private final SmartBackendServices smart;
    private final Map<Duration, HttpClient> clients = new ConcurrentHashMap<>();

    /** The extension PF4J creates. */
    public FhirChartExporter() {
        this(Clock.systemUTC());
    }

    FhirChartExporter(Clock clock) {
        // one context for the plugin's life (cached by HAPI per class loader, so also across instances): it is
        // expensive to build and thread-safe
        this.fhir = FhirContext.forR4Cached();
        this.documents = new ChartDocument(fhir);
        this.smart = new SmartBackendServices(clock);
    }

    @Override
    public ExporterDescriptor descriptor() {
        return new ExporterDescriptor(ID, "FHIR R4 (EHR)",
                "Writes the selected messages into the patient's chart as one FHIR R4 DocumentReference (the text, "
                        + "with pictures and recordings attached), finding the patient by MRN or by name and date of "
                        + "birth. Authenticates with SMART Backend Services or a bearer token.",
                ExporterSettings.PROPERTIES);
    }

    @Override
    public Optional<String> checkBeforeSending(ExporterContext context, ChartExport export) {
        try {
            ExporterSettings settings = ExporterSettings.of(context.settings());
            return PatientSearch.of(export.patient(), settings).isPresent()
                    ? Optional.empty() : Optional.of(PatientSearch.CANNOT_MATCH);
        } catch (EhrFailure e) {
            return Optional.of(e.reason());
        }
    }

    /**
     * The DocumentReference as it will be sent, patient reference included: the patient is looked up in the EHR
     * now, so the staff member sees that the EHR knows the patient. When the lookup fails, the preview says why
     * (plain text) instead: nothing could be sent.
     */
    @Override
    public ExportPreview preview(ExporterContext context, ChartExport export) {
        try {
            return ExportPreview.text(FhirEndpoint.FHIR_JSON, prepare(context, export).json());
        } catch (EhrFailure e) {
            return ExportPreview.text("text/plain", "Nothing can be sent to the EHR yet. " + e.reason());
        } catch (RuntimeException e) {
            return ExportPreview.text("text/plain", "Nothing can be sent to the EHR yet. " + unexpected(e, export));
        }
    }

    @Override
    public ExportResult export(ExporterContext context, ChartExport export) {
        try {
            Prepared prepared = prepare(context, export);
            String condition = "identifier=" + PatientSearch.encode(prepared.settings().exportIdentifierSystem()
                    + "|" + PatientSearch.escape(export.exportId()));
            String reference = prepared.ehr().conditionalCreate("DocumentReference", prepared.json(), condition,
                    WRITING);
            log.info("Chart export {} of exporter '{}' is in the EHR as {}", export.exportId(), context.exporterId(),
                    reference);
            return ExportResult.exported(reference);
        } catch (EhrFailure e) {
            log.warn("Chart export {} of exporter '{}' failed ({}): {}", export.exportId(), context.exporterId(),
                    e.retryable() ? "retryable" : "permanent", e.reason());
            return e.toResult();
        } catch (RuntimeException e) {
            return ExportResult.retryableFailure(unexpected(e, export));
        }
    }

    /** Reads the CapabilityStatement, after obtaining a token when the exporter uses SMART. */
    @Override
    public ConnectionCheck testConnection(ExporterContext context) {
        try {
            ExporterSettings settings = ExporterSettings.of(context.settings());
            Credentials credentials = credentials(settings);
            credentials.authorization(true);
            CapabilityStatement capabilities = endpoint(settings, credentials).capabilities();
            return judge(settings, capabilities);
        } catch (EhrFailure e) {
            return ConnectionCheck.failed(e.reason());
        } catch (RuntimeException e) {
            return ConnectionCheck.failed(unexpected(e, null));
        }
    }

    /**
     * A bug, not an answer of the EHR's. Its message may quote what was being read or written, so neither the
     * message nor the stack trace goes anywhere: the type names it.
     */
    private static String unexpected(RuntimeException e, ChartExport export) {
        log.error("FHIR export{} failed unexpectedly: {}", export == null ? "" : " " + export.exportId(),
                e.getClass().getName());
        return "The FHIR export failed unexpectedly (" + e.getClass().getSimpleName() + ").";
    }

    private record Prepared(ExporterSettings settings, FhirEndpoint ehr, String json) {
    }

    private Prepared prepare(ExporterContext context, ChartExport export) throws EhrFailure {
        ExporterSettings settings = ExporterSettings.of(context.settings());
        PatientSearch search = PatientSearch.of(export.patient(), settings)
                .orElseThrow(() -> EhrFailure.permanent(PatientSearch.CANNOT_MATCH));
        FhirEndpoint ehr = endpoint(settings, credentials(settings));
        String patient = search.find(ehr);
        String json = documents.json(documents.build(export, patient, settings, context.practiceName()));
        return new Prepared(settings, ehr, json);
    }

    private Credentials credentials(ExporterSettings settings) {
        return switch (settings.authentication()) {
            case ExporterSettings.Bearer bearer -> Credentials.bearer(bearer.token());
            case ExporterSettings.Smart client -> smart.credentials(http(settings), client, settings.timeout());
        };
    }

    private FhirEndpoint endpoint(ExporterSettings settings, Credentials credentials) {
        return new FhirEndpoint(http(settings), fhir, settings, credentials);
    }

    /** One client per connect timeout (the JDK sets it per client); never following redirects with a token. */
    private HttpClient http(ExporterSettings settings) {
        return clients.computeIfAbsent(settings.timeout(), timeout -> HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .build());
    }

    static ConnectionCheck judge(ExporterSettings settings, CapabilityStatement capabilities) {
        String version = capabilities.hasFhirVersion() ? capabilities.getFhirVersion().toCode() : "unknown";
        if (!version.startsWith("4.0")) {
            return ConnectionCheck.failed("The server at the base URL speaks FHIR " + version + ", not R4 (4.0).");
        }
        String server = capabilities.getSoftware().hasName()
                ? capabilities.getSoftware().getName()
                + (capabilities.getSoftware().hasVersion() ? " " + capabilities.getSoftware().getVersion() : "")
                : "the FHIR server";
        String connected = "Connected to " + server + " (FHIR " + version + ")"
                + (settings.authentication() instanceof ExporterSettings.Smart ? " with a SMART access token" : "")
                + ".";
        Optional<CapabilityStatementRestResourceComponent> documents = resource(capabilities, "DocumentReference");
        boolean creates = documents.map(r -> r.getInteraction().stream()
                .anyMatch(i -> i.getCode() == TypeRestfulInteraction.CREATE)).orElse(false);
        if (!creates) {
            return ConnectionCheck.failed(connected + " But it does not take DocumentReference creates, which this "
                    + "exporter writes.");
        }
        boolean searchesPatients = resource(capabilities, "Patient").map(r -> r.getInteraction().stream()
                .anyMatch(i -> i.getCode() == TypeRestfulInteraction.SEARCHTYPE)).orElse(false);
        if (!searchesPatients) {
            return ConnectionCheck.failed(connected + " But it does not offer a Patient search, which this exporter "
                    + "needs to find the patient.");
        }
        if (!documents.get().getConditionalCreate()) {
            return ConnectionCheck.ok(connected + " Note: it does not announce conditional create for "
                    + "DocumentReference, so a retried export might be written twice.");
        }
        return ConnectionCheck.ok(connected);
    }

    private static Optional<CapabilityStatementRestResourceComponent> resource(CapabilityStatement capabilities,
                                                                               String type) {
        return capabilities.getRest().stream()
                .filter(rest -> rest.getMode() == null
                        || rest.getMode() == CapabilityStatement.RestfulCapabilityMode.SERVER)
                .map(CapabilityStatementRestComponent::getResource)
                .flatMap(resources -> resources.stream().filter(r -> type.equals(r.getType())))
                .findFirst();
    }
}

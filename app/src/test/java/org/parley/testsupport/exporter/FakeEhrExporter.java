package org.parley.testsupport.exporter;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.parley.plugin.ChartAttachment;
import org.parley.plugin.ChartExport;
import org.parley.plugin.ChartExporter;
import org.parley.plugin.ChartMessage;
import org.parley.plugin.ConfigProperty;
import org.parley.plugin.ConnectionCheck;
import org.parley.plugin.ExportPreview;
import org.parley.plugin.ExportResult;
import org.parley.plugin.ExporterContext;
import org.parley.plugin.ExporterDescriptor;
import org.pf4j.Extension;

/**
 * The chart exporter of the test plugin {@code test-ehr}: packaged into a real plugin jar by
 * {@link ExporterPluginJar} and loaded by the app's PF4J host, it posts each export to a {@link FakeEhr} over HTTP,
 * the way a real EHR exporter would. Only JDK and plugin API classes, so the jar needs no {@code lib/}.
 */
@Extension
public class FakeEhrExporter implements ChartExporter {

    /** The descriptor id, and the plugin id. */
    public static final String ID = "test-ehr";
    /** What the exporter answers for a patient without MRN. */
    public static final String NEEDS_MRN = "This EHR finds patients by MRN: add the patient's MRN first.";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Override
    public ExporterDescriptor descriptor() {
        return new ExporterDescriptor(ID, "Test EHR", "Posts each export to a fake EHR, for Parley's tests.", List.of(
                ConfigProperty.url("ehrUrl", "EHR URL", "Where the fake EHR listens.").asRequired(),
                ConfigProperty.secret("token", "Access token", "The token the fake EHR expects."),
                new ConfigProperty("documents", "Return a PDF", "Write each export as a PDF document.",
                        ConfigProperty.Type.BOOLEAN, false, "false", false)));
    }

    @Override
    public Optional<String> checkBeforeSending(ExporterContext context, ChartExport export) {
        return export.patient().mrn() == null ? Optional.of(NEEDS_MRN) : Optional.empty();
    }

    @Override
    public ExportPreview preview(ExporterContext context, ChartExport export) {
        String text = text(context, export);
        if (pdf(context)) {
            return new ExportPreview("application/pdf", ("%PDF-1.4\n" + text + "%%EOF\n").getBytes(StandardCharsets.UTF_8));
        }
        return ExportPreview.text("text/plain", text);
    }

    @Override
    public ExportResult export(ExporterContext context, ChartExport export) {
        ExportPreview content = preview(context, export);
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create(context.settings().require("ehrUrl") + "/exports/" + export.exportId()))
                .timeout(Duration.ofSeconds(5))
                .header("Authorization", "Bearer " + context.settings().require("token"))
                .header("Content-Type", content.mediaType())
                .POST(HttpRequest.BodyPublishers.ofByteArray(content.content()))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return ExportResult.retryableFailure("The EHR cannot be reached.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ExportResult.retryableFailure("Interrupted while sending to the EHR.");
        }
        int status = response.statusCode();
        if (status / 100 == 2) {
            return pdf(context)
                    ? ExportResult.exported(response.body(), new ChartAttachment(
                            "chart-export-" + export.exportId().substring(0, 8) + ".pdf", "application/pdf",
                            content.content()))
                    : ExportResult.exported(response.body());
        }
        if (status >= 500) {
            return ExportResult.retryableFailure("The EHR is unavailable (HTTP " + status + ").");
        }
        return ExportResult.permanentFailure("The EHR refused the export: " + response.body());
    }

    @Override
    public ConnectionCheck testConnection(ExporterContext context) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(context.settings().require("ehrUrl") + "/ping"))
                .timeout(Duration.ofSeconds(5))
                .header("Authorization", "Bearer " + context.settings().get("token").orElse(""))
                .GET().build();
        try {
            int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            return status == 200 ? ConnectionCheck.ok("The test EHR accepted the token.")
                    : ConnectionCheck.failed("The test EHR answered HTTP " + status + ": check the token.");
        } catch (IOException e) {
            return ConnectionCheck.failed("The test EHR cannot be reached.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ConnectionCheck.failed("Interrupted.");
        }
    }

    private static boolean pdf(ExporterContext context) {
        return context.settings().get("documents").map(Boolean::parseBoolean).orElse(false);
    }

    /** The same export gives the same text, as the plugin API asks of a preview. */
    private static String text(ExporterContext context, ChartExport export) {
        StringBuilder text = new StringBuilder();
        text.append("Export ").append(export.exportId()).append(" for ").append(context.practiceName()).append('\n');
        text.append("Patient: ").append(export.patient().displayName()).append(" | DOB ")
                .append(export.patient().birthDate()).append(" | MRN ").append(export.patient().mrn()).append('\n');
        text.append("Category: ").append(export.category() == null ? "none" : export.category().label()).append('\n');
        text.append("Comment: ").append(export.comment() == null ? "none" : export.comment()).append('\n');
        text.append("Copied by ").append(export.staff().displayName()).append(" at ").append(export.requestedAt())
                .append('\n');
        for (ChartMessage message : export.messages()) {
            text.append("--- ").append(message.kind()).append(" | ").append(message.author()).append(" | ")
                    .append(message.sentAt()).append('\n');
            if (message.text() != null) {
                text.append(message.text()).append('\n');
            }
            for (ChartAttachment attachment : message.attachments()) {
                text.append("[").append(attachment.fileName()).append(", ").append(attachment.contentType())
                        .append(", ").append(attachment.data().length).append(" bytes]\n");
            }
        }
        return text.toString();
    }
}

package org.parley.pdfexport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.parley.plugin.ChartAttachment;
import org.parley.plugin.ChartExport;
import org.parley.plugin.ChartExporter;
import org.parley.plugin.ConnectionCheck;
import org.parley.plugin.ExportPreview;
import org.parley.plugin.ExportResult;
import org.parley.plugin.ExporterContext;
import org.parley.plugin.ExporterDescriptor;
import org.pf4j.Extension;

/**
 * Copy to chart as a PDF: for EHRs that take scanned documents. The PDF is written into a configured folder (the
 * one the EHR imports from) and offered as a download, or only offered as a download when no folder is set.
 *
 * <p>Stateless: every call reads its settings from the context. The preview is the PDF itself, byte for byte what
 * {@link #export} writes. Nothing here logs; failure reasons name settings, never the patient or the file.
 */
@Extension
public class PdfChartExporter implements ChartExporter {

    static final String MEDIA_TYPE = "application/pdf";

    private static final ExporterDescriptor DESCRIPTOR = new ExporterDescriptor(
            "pdf-export",
            "PDF document",
            "Writes the selected messages as a PDF (practice, patient, date of birth, MRN, each message's time, "
                    + "author and text, pictures) into a folder on the Parley server, e.g. the one your EHR "
                    + "imports scanned documents from, and offers it as a download. Without a folder, the PDF is "
                    + "only offered as a download.",
            PdfSettings.PROPERTIES);

    @Override
    public ExporterDescriptor descriptor() {
        return DESCRIPTOR;
    }

    /** Only the settings: the PDF itself takes any patient and any message. */
    @Override
    public Optional<String> checkBeforeSending(ExporterContext context, ChartExport export) {
        try {
            PdfSettings settings = PdfSettings.read(context.settings(), context.practiceTimeZone());
            if (settings.outputFolder().isPresent() && !Files.isDirectory(settings.outputFolder().get())) {
                return Optional.of(PdfFolder.MISSING);
            }
            return Optional.empty();
        } catch (PdfSettings.InvalidSetting e) {
            return Optional.of(e.getMessage());
        }
    }

    /**
     * The PDF, exactly as {@link #export} writes it.
     *
     * @throws IllegalStateException when a setting is wrong (the message names it); {@link #checkBeforeSending}
     *                               says so first
     */
    @Override
    public ExportPreview preview(ExporterContext context, ChartExport export) {
        try {
            PdfSettings settings = PdfSettings.read(context.settings(), context.practiceTimeZone());
            return new ExportPreview(MEDIA_TYPE, render(context, export, settings));
        } catch (PdfSettings.InvalidSetting e) {
            throw new IllegalStateException(e.getMessage());
        } catch (IOException e) {
            throw new IllegalStateException("the PDF could not be made");
        }
    }

    @Override
    public ExportResult export(ExporterContext context, ChartExport export) {
        PdfSettings settings;
        try {
            settings = PdfSettings.read(context.settings(), context.practiceTimeZone());
        } catch (PdfSettings.InvalidSetting e) {
            return ExportResult.permanentFailure(e.getMessage());
        }
        byte[] pdf;
        try {
            pdf = render(context, export, settings);
        } catch (IOException | RuntimeException e) {
            // the same export would fail the same way again: a person has to look
            return ExportResult.permanentFailure("the PDF could not be made (" + e.getClass().getSimpleName() + ")");
        }
        String fileName = settings.fileNames().fileName(export, settings.zone());
        ChartAttachment document = new ChartAttachment(fileName, MEDIA_TYPE, pdf);
        if (settings.outputFolder().isEmpty()) {
            return ExportResult.exported(fileName, document);
        }
        try {
            new PdfFolder(settings.outputFolder().get()).write(fileName, pdf);
            return ExportResult.exported(fileName, document);
        } catch (PdfFolder.WriteFailure e) {
            return e.retryable() ? ExportResult.retryableFailure(e.getMessage())
                    : ExportResult.permanentFailure(e.getMessage());
        }
    }

    /** The folder exists and a file can be written into it; or there is none and PDFs are downloads only. */
    @Override
    public ConnectionCheck testConnection(ExporterContext context) {
        PdfSettings settings;
        try {
            settings = PdfSettings.read(context.settings(), context.practiceTimeZone());
        } catch (PdfSettings.InvalidSetting e) {
            return ConnectionCheck.failed(e.getMessage());
        }
        if (settings.outputFolder().isEmpty()) {
            return ConnectionCheck.ok("No output folder: each PDF is offered as a download only.");
        }
        Path folder = settings.outputFolder().get();
        try {
            new PdfFolder(folder).probe();
            return ConnectionCheck.ok("Parley can write PDFs into " + folder + ".");
        } catch (PdfFolder.WriteFailure e) {
            return ConnectionCheck.failed(e.getMessage() + ": " + folder);
        }
    }

    private static byte[] render(ExporterContext context, ChartExport export, PdfSettings settings)
            throws IOException {
        return withPluginClassLoader(() -> ChartPdf.render(export, context.practiceName(), settings.zone(),
                settings.pageSize()));
    }

    /**
     * Runs PDFBox with this plugin's class loader as the thread's context class loader. PDFBox logs through
     * commons-logging, which finds its logging back end through the context class loader: under the app's loader
     * it would find the app's own copy of commons-logging and mix classes of two loaders. Image I/O looks up its
     * readers the same way.
     */
    private static <T> T withPluginClassLoader(Callable<T> work) throws IOException {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(PdfChartExporter.class.getClassLoader());
        try {
            return work.call();
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException(e.getClass().getSimpleName());
        } finally {
            thread.setContextClassLoader(previous);
        }
    }
}

package org.parley.patient.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.UIDetachedException;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.server.Command;
import java.util.Locale;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import org.parley.base.ui.BoundedUpload;
import org.parley.patient.ImportReport;
import org.parley.patient.PatientImport;

/**
 * Imports patients from a CSV file. The import runs in the background; its progress, then how many patients were
 * imported, how long it took and which rows were refused and why, are pushed to the screen.
 */
class PatientImportDialog extends Dialog {

    static final int MAX_FILE_BYTES = 20 * 1024 * 1024;
    /** Takes files up to {@link #MAX_FILE_BYTES}, checked here on the server, not only in the browser. */
    final BoundedUpload uploadHandler;

    private final PatientImport patientImport;
    private final String actor;
    private final Runnable afterImport;
    final Upload upload;
    final ProgressBar progress = new ProgressBar();
    final Span status = new Span();
    final Grid<ImportReport.RefusedRow> refused = new Grid<>();

    /**
     * @param actor       the user name of who imports
     * @param afterImport run in the UI once patients were imported, e.g. to refresh a list
     */
    PatientImportDialog(PatientImport patientImport, String actor, Runnable afterImport) {
        this.patientImport = patientImport;
        this.actor = actor;
        this.afterImport = afterImport;
        setHeaderTitle("Import patients");
        setWidth("46em");
        uploadHandler = new BoundedUpload(MAX_FILE_BYTES,
                "The file is larger than 20 MB: split it and import the parts.",
                (fileName, file) -> getUI().ifPresent(ui -> ui.access(() -> start(file))),
                refusal -> getUI().ifPresent(ui -> ui.access(() -> status.setText(refusal))));
        upload = new Upload(uploadHandler);
        upload.setId("import-upload");
        upload.setAcceptedFileTypes(".csv", "text/csv");
        upload.setMaxFiles(1);
        upload.setMaxFileSize(MAX_FILE_BYTES);
        upload.addFileRejectedListener(rejected -> status.setText(rejected.getErrorMessage()));
        progress.setId("import-progress");
        progress.setVisible(false);
        status.setId("import-status");
        refused.setId("import-refused");
        refused.addColumn(ImportReport.RefusedRow::row).setHeader("Row").setAutoWidth(true).setFlexGrow(0);
        refused.addColumn(ImportReport.RefusedRow::reason).setHeader("Why it was not imported").setFlexGrow(1);
        refused.setAllRowsVisible(false);
        refused.setHeight("16em");
        refused.setVisible(false);
        VerticalLayout content = new VerticalLayout(new Paragraph("A CSV file saved as UTF-8 (up to 20 MB) whose "
                + "first row names the columns: first name, last name, date of birth (MM/DD/YYYY or YYYY-MM-DD), "
                + "cell phone and, if you have them, MRN, time zone (e.g. America/Chicago) and last visit. Other columns are "
                + "ignored. Each row is checked as when a patient is added by hand, and is imported whole or not at "
                + "all."), upload, progress, status,
                refused);
        content.setPadding(false);
        add(content);
        Button close = new Button("Close", e -> close());
        close.setId("import-close");
        getFooter().add(close);
    }

    /** Imports {@code file} in the background; called in the UI, with its lock held. */
    void start(byte[] file) {
        UI ui = UI.getCurrent();
        upload.setEnabled(false);
        progress.setIndeterminate(true);
        progress.setVisible(true);
        status.setText("Reading the file…");
        refused.setVisible(false);
        patientImport.importCsvInBackground(actor, file, (done, total) -> push(ui, () -> showProgress(done, total)))
                .whenComplete((report, failure) -> push(ui, () -> {
                    if (report != null) {
                        showReport(report);
                    } else {
                        showFailure(failure instanceof CompletionException ? failure.getCause() : failure);
                    }
                }));
    }

    private void showProgress(int done, int total) {
        progress.setIndeterminate(false);
        progress.setValue(total == 0 ? 1 : (double) done / total);
        status.setText(String.format(Locale.US, "%,d of %,d rows done…", done, total));
    }

    private void showReport(ImportReport report) {
        progress.setIndeterminate(false);
        progress.setValue(1);
        int refusedRows = report.refused().size();
        status.setText(String.format(Locale.US, "%,d %s imported in %.1f seconds. %s", report.imported(),
                report.imported() == 1 ? "patient" : "patients", report.took().toMillis() / 1000.0,
                refusedRows == 0 ? "No row was refused."
                        : String.format(Locale.US, "%,d %s refused:", refusedRows, refusedRows == 1 ? "row was"
                        : "rows were")));
        refused.setItems(report.refused());
        refused.setVisible(refusedRows > 0);
        ready();
        if (report.imported() > 0) {
            afterImport.run();
        }
    }

    private void showFailure(Throwable failure) {
        progress.setVisible(false);
        // The service's messages name no patient; anything else is shown by its kind only.
        status.setText(switch (failure) {
            case IllegalArgumentException refusedFile -> "Nothing was imported: " + refusedFile.getMessage();
            case IllegalStateException stopped -> stopped.getMessage();
            default -> "The import failed (" + failure.getClass().getSimpleName() + ").";
        });
        ready();
        afterImport.run();
    }

    private void ready() {
        upload.clearFileList();
        upload.setEnabled(true);
    }

    /** Runs {@code command} in {@code ui}; if the screen was closed meanwhile, the import goes on unseen. */
    private static void push(UI ui, Command command) {
        try {
            ui.access(command);
        } catch (UIDetachedException closed) {
            // nobody is looking any more
        }
    }

    /** The button that opens the dialog. */
    static Component opener(PatientImport patientImport, Supplier<String> actor, Runnable afterImport) {
        Button button = new Button("Import CSV", e -> new PatientImportDialog(patientImport, actor.get(), afterImport)
                .open());
        button.setId("import-patients");
        return button;
    }
}

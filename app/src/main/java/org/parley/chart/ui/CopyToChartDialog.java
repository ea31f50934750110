package org.parley.chart.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.server.streams.DownloadResponse;
import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.function.Consumer;
import org.parley.chart.ChartExportService;
import org.parley.chart.ExportRequest;
import org.parley.chart.ExporterChoice;
import org.parley.chart.PreviewedExport;
import org.parley.plugin.ChartCategory;
import org.parley.plugin.ExportPreview;
import org.parley.security.StaffMember;

/**
 * "Copy to chart": choose the exporter (the default preselected), a category and a comment, read exactly what will
 * be sent, and send. Any change makes a new preview, and Send sends the request of the preview on screen. A refusal
 * (no patient yet, no MRN nor date of birth, the exporter's own check) is shown instead of a preview, and nothing can
 * be sent. Without any exporter configured, only "Copy for chart" is offered.
 *
 * <p>A PDF preview is offered as a download, not embedded: the app's content security policy forbids framing
 * ({@code frame-ancestors 'none'}) and plugins ({@code object-src 'none'}) on every response.
 */
class CopyToChartDialog extends Dialog {

    private final ChartExportService exports;
    private final StaffMember me;
    private final long conversationId;
    private final List<Long> messageIds;
    final Select<ExporterChoice> exporter = new Select<>();
    final Select<ChartCategory> category = new Select<>();
    final TextArea comment = new TextArea("Comment for the chart");
    final Span refusal = new Span();
    final Div preview = new Div();
    final Button send = new Button("Send to chart");
    private PreviewedExport previewed;
    /** One export id for everything previewed in this dialog: sending twice sends one export. */
    private String exportId;

    CopyToChartDialog(ChartExportService exports, List<ExporterChoice> choices, StaffMember me, long conversationId,
                      List<Long> messageIds, Runnable copyForChart, Consumer<String> queued) {
        this.exports = exports;
        this.me = me;
        this.conversationId = conversationId;
        this.messageIds = List.copyOf(messageIds);
        setId("chart-dialog");
        setHeaderTitle("Copy " + (messageIds.size() == 1 ? "1 message" : messageIds.size() + " messages")
                + " to the chart");
        setWidth("48em");
        Button cancel = new Button("Cancel", e -> close());
        cancel.setId("chart-cancel");
        if (choices.isEmpty()) {
            Paragraph none = new Paragraph("No chart exporter is set up: an admin adds one under Chart exporters. "
                    + "You can copy the messages for the chart and paste them into the patient's chart yourself.");
            none.setId("chart-no-exporter");
            Button copy = new Button("Copy for chart", e -> {
                close();
                copyForChart.run();
            });
            copy.setId("chart-dialog-copy");
            copy.addThemeVariants(ButtonVariant.PRIMARY);
            add(none);
            getFooter().add(cancel, copy);
            return;
        }
        exporter.setId("chart-exporter");
        exporter.setLabel("Send to");
        exporter.setItems(choices);
        exporter.setItemLabelGenerator(c -> c.name() + (c.isDefault() ? " (default)" : ""));
        exporter.setValue(choices.stream().filter(ExporterChoice::isDefault).findFirst().orElse(choices.getFirst()));
        category.setId("chart-category");
        category.setLabel("Category");
        category.setItems(ChartCategory.values());
        category.setEmptySelectionAllowed(true);
        category.setEmptySelectionCaption("No category");
        category.setItemLabelGenerator(c -> c == null ? "No category" : c.label());
        comment.setId("chart-comment");
        comment.setWidthFull();
        comment.setMaxLength(2000);
        comment.setValueChangeMode(ValueChangeMode.ON_CHANGE);
        refusal.setId("chart-refusal");
        refusal.addClassName("parley-error");
        preview.setId("chart-preview");
        preview.addClassName("chart-preview");
        send.setId("chart-send");
        send.addThemeVariants(ButtonVariant.PRIMARY);
        send.addClickListener(e -> send(queued));
        exporter.addValueChangeListener(e -> showPreview());
        category.addValueChangeListener(e -> showPreview());
        comment.addValueChangeListener(e -> showPreview());
        add(new Div(exporter, category), comment, refusal, new H4("Preview: exactly what will be sent"), preview);
        getFooter().add(cancel, send);
        showPreview();
    }

    /** A new preview for what the form says now; a refusal instead when the export cannot go. */
    void showPreview() {
        preview.removeAll();
        refusal.setText("");
        previewed = null;
        send.setEnabled(false);
        if (exporter.getValue() == null) {
            return;
        }
        try {
            previewed = exports.preview(me, new ExportRequest(exportId, conversationId, messageIds,
                    exporter.getValue().id(), category.getValue(), comment.getValue(), null));
        } catch (IllegalArgumentException | IllegalStateException e) {
            refusal.setText(e.getMessage());
            return;
        }
        exportId = previewed.request().exportId();
        ExportPreview content = previewed.preview();
        if (content.isText()) {
            Pre text = new Pre(content.asText());
            text.setId("chart-preview-text");
            preview.add(text);
        } else {
            byte[] bytes = content.content();
            String fileName = "chart-preview-" + exportId.substring(0, 8)
                    + (content.mediaType().equals("application/pdf") ? ".pdf" : "");
            String previewId = exportId;
            Anchor document = new Anchor(DownloadHandler.fromInputStream(event -> {
                exports.previewDownloaded(me, previewId);
                return new DownloadResponse(new ByteArrayInputStream(bytes), fileName, content.mediaType(),
                        bytes.length);
            }),
                    "Open the document that will be sent (" + content.mediaType() + ", "
                            + Math.max(1, bytes.length / 1024) + " KB)");
            document.setId("chart-preview-document");
            preview.add(document);
        }
        send.setEnabled(true);
    }

    private void send(Consumer<String> queued) {
        if (previewed == null) {
            return;
        }
        String id;
        try {
            id = exports.queue(me, previewed.request());
        } catch (IllegalArgumentException | IllegalStateException e) {
            refusal.setText(e.getMessage());
            send.setEnabled(false);
            return;
        }
        close();
        queued.accept(id);
    }
}

package org.parley.chart.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.server.streams.DownloadResponse;
import com.vaadin.flow.shared.Registration;
import java.io.ByteArrayInputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.TreeSet;
import org.parley.base.ui.LiveUpdates;
import org.parley.chart.ChartExportChanged;
import org.parley.chart.ChartExportService;
import org.parley.chart.ChartText;
import org.parley.chart.ExportStatus;
import org.parley.chart.ExportView;
import org.parley.chart.ExporterService;
import org.parley.conversation.MessageView;
import org.parley.security.StaffMember;

/**
 * Copy to chart in an opened conversation: a toolbar ("Select for chart", then "Copy to chart…" and "Copy for
 * chart" for the selected messages), a checkbox on each message that can go into a chart while selecting, and under
 * each exported message where it went ("In chart: EHR · Communication/123 · when · by whom"), or that it is queued
 * or failed, with Retry. The lines follow the export live. The conversation view calls {@link #showing} and
 * {@link #decorate} while it draws its thread; everything else happens here.
 */
public class ChartActions extends HorizontalLayout {

    private final ChartExportService exports;
    private final ExporterService exporters;
    private final LiveUpdates liveUpdates;
    private final StaffMember me;
    private final long conversationId;
    final Button select = new Button("Select for chart");
    final Button copyToChart = new Button("Copy to chart…");
    final Button copyForChart = new Button("Copy for chart");
    final Span selectedCount = new Span();
    final Span result = new Span();
    private boolean selecting;
    private final Set<Long> selected = new TreeSet<>();
    private final Map<Long, Checkbox> checkboxes = new HashMap<>();
    /** The drawn messages' bubbles, by message id. */
    private final Map<Long, Div> bubbles = new HashMap<>();
    /**
     * Messages that may be selected but have no checkbox yet: checkboxes are made when selecting starts, not for every
     * message of every conversation opened (most are never copied to a chart).
     */
    private final Map<Long, MessageView> withoutCheckbox = new HashMap<>();
    /** The "In chart" lines of the messages that have any. */
    private final Map<Long, Div> exportLines = new HashMap<>();
    private List<ExportView> shownExports = List.of();
    private Registration subscription;
    private Registration resync;
    /** The open dialog, for tests. */
    CopyToChartDialog dialog;
    /** The last chart-ready text handed to the clipboard, for tests (Karibu runs no JavaScript). */
    String lastCopied;

    ChartActions(ChartExportService exports, ExporterService exporters, LiveUpdates liveUpdates, StaffMember me,
                 long conversationId) {
        this.exports = exports;
        this.exporters = exporters;
        this.liveUpdates = liveUpdates;
        this.me = me;
        this.conversationId = conversationId;
        addClassName("chart-actions");
        setAlignItems(Alignment.BASELINE);
        setWrap(true);
        select.setId("chart-select");
        select.addThemeVariants(ButtonVariant.TERTIARY, ButtonVariant.SMALL);
        select.addClickListener(e -> setSelecting(!selecting));
        copyToChart.setId("copy-to-chart");
        copyToChart.addThemeVariants(ButtonVariant.SMALL);
        copyToChart.addClickListener(e -> openDialog());
        copyForChart.setId("copy-for-chart");
        copyForChart.addThemeVariants(ButtonVariant.SMALL);
        copyForChart.setTooltipText("Puts chart-ready text of the selected messages on the clipboard");
        copyForChart.addClickListener(e -> copyForChart());
        selectedCount.setId("chart-selected-count");
        selectedCount.addClassName("parley-hint");
        result.setId("chart-result");
        result.addClassName("parley-hint");
        // read out by screen readers when it changes
        result.getElement().setAttribute("aria-live", "polite");
        add(select, selectedCount, copyToChart, copyForChart, result);
        setSelecting(false);
    }

    /** Starts or ends choosing messages; ending it forgets the choice. */
    void setSelecting(boolean on) {
        selecting = on;
        if (on) {
            withoutCheckbox.values().forEach(message -> addCheckbox(bubbles.get(message.id()), message));
            withoutCheckbox.clear();
        }
        if (!on) {
            selected.clear();
            checkboxes.values().forEach(box -> box.setValue(false));
        }
        checkboxes.values().forEach(box -> box.setVisible(on));
        select.setText(on ? "Cancel selection" : "Select for chart");
        selectedCount.setVisible(on);
        copyToChart.setVisible(on);
        copyForChart.setVisible(on);
        selectionChanged();
    }

    private void selectionChanged() {
        selectedCount.setText(selected.size() == 1 ? "1 message selected" : selected.size() + " messages selected");
        copyToChart.setEnabled(!selected.isEmpty());
        copyForChart.setEnabled(!selected.isEmpty());
    }

    /** Called before the thread draws these messages: finds where they were exported, in one query. */
    public void showing(List<MessageView> messages) {
        checkboxes.clear();
        bubbles.clear();
        withoutCheckbox.clear();
        exportLines.clear();
        shownExports = exports.exportsOf(messages.stream().map(MessageView::id).toList());
    }

    /** Adds the message's checkbox (while selecting) and its "In chart" lines to its bubble; returns the bubble. */
    public Div decorate(Div bubble, MessageView message) {
        bubbles.put(message.id(), bubble);
        if (ChartExportService.selectable(message.direction(), message.status())) {
            if (selecting) {
                addCheckbox(bubble, message);
            } else {
                withoutCheckbox.put(message.id(), message);
            }
        }
        drawLines(message.id());
        return bubble;
    }

    private void addCheckbox(Div bubble, MessageView message) {
        Checkbox box = new Checkbox();
        box.addClassName("chart-select-message");
        box.getElement().setAttribute("data-message", String.valueOf(message.id()));
        box.setAriaLabel("Select for the chart: message of " + ChartText.time(message.createdAt()));
        box.setValue(selected.contains(message.id()));
        box.addValueChangeListener(e -> {
            if (e.getValue()) {
                selected.add(message.id());
            } else {
                selected.remove(message.id());
            }
            selectionChanged();
        });
        checkboxes.put(message.id(), box);
        bubble.addComponentAsFirst(box);
    }

    /** The export lines again, after an export of this conversation changed. */
    void exportsChanged() {
        shownExports = exports.exportsOf(List.copyOf(bubbles.keySet()));
        bubbles.keySet().forEach(this::drawLines);
    }

    /** A message's "In chart" lines, made when it has its first. */
    private void drawLines(long messageId) {
        List<ExportView> mine = shownExports.stream().filter(e -> e.messageIds().contains(messageId)).toList();
        Div lines = exportLines.get(messageId);
        if (lines == null) {
            if (mine.isEmpty()) {
                return;
            }
            lines = new Div();
            lines.addClassName("chart-exports");
            lines.getElement().setAttribute("data-message", String.valueOf(messageId));
            exportLines.put(messageId, lines);
            bubbles.get(messageId).add(lines);
        }
        lines.removeAll();
        mine.forEach(e -> exportLines.get(messageId).add(line(e)));
        lines.setVisible(!mine.isEmpty());
    }

    private Div line(ExportView export) {
        Div line = new Div();
        line.addClassNames("chart-export", "chart-export-" + export.status().name().toLowerCase(Locale.ROOT));
        line.getElement().setAttribute("data-export", export.exportId());
        Span text = new Span(switch (export.status()) {
            case EXPORTED -> "In chart: " + export.exporterName() + " · " + export.reference() + " · "
                    + ChartText.time(export.exportedAt()) + " · " + export.requestedBy();
            case SENDING -> "Sending to " + export.exporterName() + "…";
            case QUEUED -> export.reason() == null
                    ? "Queued for " + export.exporterName() + "… · " + export.requestedBy()
                    : "Not in chart yet (" + export.exporterName() + "): " + export.reason() + " Trying again at "
                    + ChartText.time(export.nextAttemptAt()) + ".";
            case FAILED -> "Failed (" + export.exporterName() + "): " + export.reason();
        });
        text.addClassName("chart-export-text");
        line.add(text);
        if (export.canRetry()) {
            Button retry = new Button(export.status() == ExportStatus.FAILED ? "Retry" : "Retry now", e -> {
                try {
                    exports.retry(me, export.exportId());
                    result.setText("Queued again.");
                } catch (IllegalStateException | NoSuchElementException ex) {
                    result.setText(ex.getMessage());
                }
                exportsChanged();
            });
            retry.addClassName("chart-export-retry");
            retry.addThemeVariants(ButtonVariant.TERTIARY, ButtonVariant.SMALL);
            retry.getElement().setAttribute("data-export", export.exportId());
            line.add(retry);
        }
        if (export.status() == ExportStatus.EXPORTED && export.documentName() != null) {
            Anchor document = new Anchor(DownloadHandler.fromInputStream(event -> exports.document(me,
                            export.exportId())
                    .map(d -> new DownloadResponse(new ByteArrayInputStream(d.data()), d.fileName(), d.contentType(),
                            d.data().length))
                    .orElseGet(() -> DownloadResponse.error(404))), "Download " + export.documentName());
            document.addClassName("chart-export-document");
            line.add(document);
        }
        return line;
    }

    private List<Long> selection() {
        return List.copyOf(selected);
    }

    private void openDialog() {
        if (selected.isEmpty()) {
            return;
        }
        dialog = new CopyToChartDialog(exports, exporters.choices(), me, conversationId, selection(),
                this::copyForChart, exportId -> {
                    result.setText("Sent to the chart queue.");
                    setSelecting(false);
                    exportsChanged();
                });
        dialog.open();
    }

    /**
     * Puts chart-ready text of the selection on the clipboard (audited as an export). Where the browser refuses the
     * clipboard (plain http, no permission), the text is shown to copy by hand.
     */
    void copyForChart() {
        String text;
        try {
            text = exports.copyForChart(me, conversationId, selection());
        } catch (IllegalArgumentException e) {
            result.setText(e.getMessage());
            return;
        }
        lastCopied = text;
        result.setText("Copying…");
        getElement().executeJs("if (!window.isSecureContext || !navigator.clipboard) { return false; } "
                        + "return navigator.clipboard.writeText($0).then(() => true, () => false);", text)
                .then(Boolean.class, copied -> {
                    if (Boolean.TRUE.equals(copied)) {
                        result.setText("Copied for the chart: paste it into the patient's chart.");
                    } else {
                        showToCopyByHand(text);
                    }
                }, error -> showToCopyByHand(text));
    }

    private void showToCopyByHand(String text) {
        result.setText("");
        TextArea area = new TextArea("Chart-ready text");
        area.setId("chart-copy-text");
        area.setValue(text);
        area.setReadOnly(true);
        area.setWidth("40em");
        Dialog copy = new Dialog(new Paragraph("The browser did not let Parley use the clipboard: select the text "
                + "and copy it (Ctrl+A, Ctrl+C)."), area);
        copy.setHeaderTitle("Copy for chart");
        Button close = new Button("Close", e -> copy.close());
        copy.getFooter().add(close);
        copy.open();
        area.focus();
    }

    @Override
    protected void onAttach(AttachEvent attachEvent) {
        subscription = liveUpdates.subscribe(attachEvent.getUI(), ChartExportChanged.class, change -> {
            if (change.conversationId() == conversationId) {
                exportsChanged();
            }
        });
        resync = liveUpdates.subscribe(attachEvent.getUI(), LiveUpdates.Resync.class, missed -> exportsChanged());
    }

    @Override
    protected void onDetach(DetachEvent detachEvent) {
        if (subscription != null) {
            subscription.remove();
            subscription = null;
        }
        if (resync != null) {
            resync.remove();
            resync = null;
        }
    }
}

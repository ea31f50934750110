package org.parley.broadcast.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.shared.Registration;
import jakarta.annotation.security.RolesAllowed;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.parley.base.ui.BoundedUpload;
import org.parley.broadcast.AudienceChoice;
import org.parley.broadcast.BroadcastPlan;
import org.parley.broadcast.BroadcastProgress;
import org.parley.broadcast.BroadcastState;
import org.parley.broadcast.BroadcastSummary;
import org.parley.broadcast.Broadcasts;
import org.parley.broadcast.SavedAudience;
import org.parley.broadcast.SkipKind;
import org.parley.broadcast.SkippedRecipient;
import org.parley.hours.QuietHours;
import org.parley.line.LineService;
import org.parley.line.LineSnapshot;
import org.parley.lists.InboxListSummary;
import org.parley.lists.ListService;
import org.parley.security.web.CurrentStaff;
import org.parley.tag.Tag;
import org.parley.tag.TagService;

/**
 * Admins (and staff an admin lets send broadcasts) send one message to many patients: write it (placeholders are filled per patient), choose who gets it, check
 * the count, who is skipped and why and the text for three real recipients, then send and watch it go out, with pause,
 * resume and cancel. The page reads the progress from the database every two seconds, so it shows what every node did.
 */
@Route("admin/broadcasts")
@PageTitle("Broadcasts | Parley")
@Menu(title = "Broadcasts", order = 91.5)
// Staff reach it with the grant an admin gives on the Users page (security.Permission); Broadcasts checks it again.
@RolesAllowed({"ADMIN", "SEND_BROADCASTS"})
class BroadcastsView extends VerticalLayout {

    static final String BORN = "Patients born between";
    static final String FILE = "A CSV of MRNs or cell numbers";
    static final String SAVED = "A saved audience";
    static final String TAGGED = "Patients with a tag";
    static final String IN_LIST = "Patients with a conversation in a list";
    static final String VISITED = "Patients by last visit";
    private static final int POLL_MILLIS = 2000;

    private final Broadcasts broadcasts;
    private final CurrentStaff currentStaff;

    final TextField name = new TextField("Name");
    final ComboBox<LineSnapshot> line = new ComboBox<>("Send from line");
    final TextArea body = new TextArea("Message");
    final RadioButtonGroup<String> audience = new RadioButtonGroup<>("Who gets it");
    final DatePicker bornFrom = new DatePicker("Born from");
    final DatePicker bornTo = new DatePicker("Born to");
    final TextField audienceName = new TextField("Save this search as");
    final Button saveAudience = new Button("Save audience");
    final ComboBox<SavedAudience> savedAudience = new ComboBox<>("Saved audience");
    final ComboBox<Tag> tag = new ComboBox<>("Tag");
    final ComboBox<InboxListSummary> list = new ComboBox<>("List");
    final DatePicker visitFrom = new DatePicker("Last visit from");
    final DatePicker visitTo = new DatePicker("Last visit to");
    final BoundedUpload uploadHandler;
    final Upload upload;
    final Span uploaded = new Span();
    final Button check = new Button("Check recipients");
    final Span message = new Span();

    final VerticalLayout planPanel = new VerticalLayout();
    final Span planSummary = new Span();
    final Span skipReasons = new Span();
    final Grid<SkippedRecipient> skipped = new Grid<>();
    final VerticalLayout previews = new VerticalLayout();
    final Button send = new Button("Send now");
    final Button discard = new Button("Discard");

    final VerticalLayout progressPanel = new VerticalLayout();
    final H3 progressTitle = new H3();
    final ProgressBar progressBar = new ProgressBar();
    final Span progressText = new Span();
    final Span failures = new Span();
    final Button pause = new Button("Pause");
    final Button resume = new Button("Resume");
    final Button cancel = new Button("Cancel broadcast");

    final Grid<BroadcastSummary> history = new Grid<>();

    private byte[] file;
    private String fileName;
    private Long planned;
    private Long shown;
    private Registration polling;

    BroadcastsView(Broadcasts broadcasts, LineService lines, CurrentStaff currentStaff, QuietHours quietHours,
                   TagService tags, ListService lists) {
        this.broadcasts = broadcasts;
        this.currentStaff = currentStaff;
        name.setId("broadcast-name");
        name.setMaxLength(120);
        line.setId("broadcast-line");
        line.setItems(lines.all());
        line.setItemLabelGenerator(LineSnapshot::name);
        lines.all().stream().findFirst().ifPresent(line::setValue);
        body.setId("broadcast-body");
        body.setWidthFull();
        body.setHelperText("Placeholders are filled for each patient, e.g. {patient.firstName}, {practice.name}. "
                + "Texts go only from " + quietHours.describe() + " in each patient's time zone (their profile's, "
                + "else the practice's); outside those hours they wait.");
        audience.setId("broadcast-audience");
        audience.setItems(BORN, IN_LIST, VISITED, TAGGED, FILE, SAVED);
        list.setId("broadcast-list");
        list.setItems(lists.teamLists());
        list.setItemLabelGenerator(InboxListSummary::name);
        visitFrom.setId("broadcast-visit-from");
        visitTo.setId("broadcast-visit-to");
        visitFrom.setHelperText("Empty: any time before the second date");
        visitTo.setHelperText("Empty: up to today (the last visit is the patient import's column)");
        tag.setId("broadcast-tag");
        tag.setItems(tags.all());
        tag.setItemLabelGenerator(Tag::name);
        audience.setValue(BORN);
        bornFrom.setId("broadcast-born-from");
        bornTo.setId("broadcast-born-to");
        audienceName.setId("broadcast-audience-name");
        saveAudience.setId("broadcast-save-audience");
        saveAudience.addClickListener(e -> saveAudience());
        savedAudience.setId("broadcast-saved-audience");
        savedAudience.setItemLabelGenerator(a -> a.name() + " (" + a.describe() + ")");
        savedAudience.setItems(broadcasts.audiences());
        uploadHandler = new BoundedUpload(broadcasts.maxUploadBytes(),
                "The file is larger than " + broadcasts.maxUploadBytes() / 1024 + " KB: split it.",
                (fileName, data) -> getUI().ifPresent(ui -> ui.access(() -> received(fileName, data))),
                refusal -> getUI().ifPresent(ui -> ui.access(() -> message.setText(refusal))));
        upload = new Upload(uploadHandler);
        upload.setId("broadcast-upload");
        upload.setAcceptedFileTypes(".csv", "text/csv", ".txt");
        upload.setMaxFiles(1);
        upload.setMaxFileSize((int) Math.min(Integer.MAX_VALUE, broadcasts.maxUploadBytes()));
        uploaded.setId("broadcast-uploaded");
        check.setId("broadcast-check");
        check.addThemeVariants(ButtonVariant.PRIMARY);
        check.addClickListener(e -> prepare());
        message.setId("broadcast-message");
        message.addClassName("parley-error");

        planSummary.setId("broadcast-plan");
        skipReasons.setId("broadcast-skip-reasons");
        skipped.setId("broadcast-skipped");
        skipped.addColumn(SkippedRecipient::patientName).setHeader("Patient").setAutoWidth(true);
        skipped.addColumn(r -> r.kind().label()).setHeader("Skipped because").setAutoWidth(true);
        skipped.addColumn(SkippedRecipient::reason).setHeader("Details").setFlexGrow(1);
        skipped.setHeight("14em");
        previews.setId("broadcast-previews");
        previews.setPadding(false);
        send.setId("broadcast-send");
        send.addThemeVariants(ButtonVariant.PRIMARY);
        send.addClickListener(e -> start());
        discard.setId("broadcast-discard");
        discard.addClickListener(e -> discard());
        planPanel.add(new H3("Before sending"), planSummary, skipReasons, skipped,
                new Paragraph("As three of the recipients will get it:"), previews, new HorizontalLayout(send, discard));
        planPanel.setVisible(false);
        planPanel.setPadding(false);

        progressTitle.setId("broadcast-progress-title");
        progressBar.setId("broadcast-progress-bar");
        progressText.setId("broadcast-progress");
        failures.setId("broadcast-failures");
        pause.setId("broadcast-pause");
        resume.setId("broadcast-resume");
        cancel.setId("broadcast-cancel");
        cancel.addThemeVariants(ButtonVariant.ERROR);
        pause.addClickListener(e -> act(() -> broadcasts.pause(currentStaff.get(), shown)));
        resume.addClickListener(e -> act(() -> broadcasts.resume(currentStaff.get(), shown)));
        cancel.addClickListener(e -> act(() -> broadcasts.cancel(currentStaff.get(), shown)));
        progressPanel.add(progressTitle, progressBar, progressText, failures, new HorizontalLayout(pause, resume, cancel));
        progressPanel.setVisible(false);
        progressPanel.setPadding(false);

        history.setId("broadcast-history");
        history.addColumn(BroadcastSummary::name).setHeader("Broadcast").setAutoWidth(true);
        history.addColumn(BroadcastSummary::audience).setHeader("Audience").setFlexGrow(1);
        history.addColumn(b -> b.state().name().toLowerCase(Locale.ROOT)).setHeader("State").setAutoWidth(true);
        history.setItems(query -> broadcasts.list(query.getOffset(), query.getLimit()).stream());
        history.addItemClickListener(click -> show(click.getItem().id()));
        history.setHeight("14em");

        audience.addValueChangeListener(e -> showAudienceFields());
        showAudienceFields();
        add(new H2("Broadcasts"), new HorizontalLayout(name, line), body, audience,
                new HorizontalLayout(bornFrom, bornTo), list, new HorizontalLayout(visitFrom, visitTo),
                new HorizontalLayout(audienceName, saveAudience), savedAudience, tag, upload, uploaded, check, message, planPanel, progressPanel,
                new H3("Earlier broadcasts"), history);
    }

    private void showAudienceFields() {
        boolean born = BORN.equals(audience.getValue());
        bornFrom.setVisible(born);
        bornTo.setVisible(born);
        list.setVisible(IN_LIST.equals(audience.getValue()));
        visitFrom.setVisible(VISITED.equals(audience.getValue()));
        visitTo.setVisible(VISITED.equals(audience.getValue()));
        boolean search = born || IN_LIST.equals(audience.getValue()) || VISITED.equals(audience.getValue());
        audienceName.setVisible(search);
        saveAudience.setVisible(search);
        savedAudience.setVisible(SAVED.equals(audience.getValue()));
        tag.setVisible(TAGGED.equals(audience.getValue()));
        upload.setVisible(FILE.equals(audience.getValue()));
        uploaded.setVisible(FILE.equals(audience.getValue()));
    }

    /** A CSV within the limit arrived (in the UI, with its lock). */
    void received(String fileName, byte[] data) {
        this.file = data;
        this.fileName = fileName;
        uploaded.setText("Ready: " + fileName + " (" + data.length / 1024 + " KB).");
        message.setText("");
    }

    private AudienceChoice chosenAudience() {
        return switch (audience.getValue()) {
            case FILE -> {
                if (file == null) {
                    throw new IllegalArgumentException("Upload the CSV of MRNs or cell numbers first.");
                }
                yield new AudienceChoice.Uploaded(fileName, file);
            }
            case TAGGED -> {
                if (tag.getValue() == null) {
                    throw new IllegalArgumentException("Choose the tag whose patients get it.");
                }
                yield new AudienceChoice.Tagged(tag.getValue().id());
            }
            case IN_LIST -> {
                if (list.getValue() == null) {
                    throw new IllegalArgumentException("Choose the list whose patients get it.");
                }
                yield new AudienceChoice.InList(list.getValue().id());
            }
            case VISITED -> new AudienceChoice.LastVisitBetween(visitFrom.getValue(), visitTo.getValue());
            case SAVED -> {
                if (savedAudience.getValue() == null) {
                    throw new IllegalArgumentException("Choose a saved audience.");
                }
                yield new AudienceChoice.Saved(savedAudience.getValue().id());
            }
            default -> new AudienceChoice.BornBetween(bornFrom.getValue(), bornTo.getValue());
        };
    }

    private void saveAudience() {
        try {
            SavedAudience saved = broadcasts.saveAudience(currentStaff.get(), audienceName.getValue(),
                    chosenAudience());
            savedAudience.setItems(broadcasts.audiences());
            message.setText("Saved the audience " + saved.name() + ".");
        } catch (IllegalArgumentException refused) {
            message.setText(refused.getMessage());
        }
    }

    private void prepare() {
        try {
            BroadcastPlan plan = broadcasts.prepare(currentStaff.get(), name.getValue(),
                    line.getValue() == null ? null : line.getValue().id(), body.getValue(), chosenAudience());
            message.setText("");
            showPlan(plan);
        } catch (IllegalArgumentException | IllegalStateException refused) {
            message.setText(refused.getMessage());
        }
    }

    private void showPlan(BroadcastPlan plan) {
        planned = plan.broadcastId();
        planSummary.setText(String.format(Locale.US, "%,d %s will get it; %,d skipped.%s", plan.toSend(),
                plan.toSend() == 1 ? "patient" : "patients", plan.skippedTotal(),
                plan.notFound() == 0 ? "" : String.format(Locale.US, " %,d of the file's values match no patient.",
                        plan.notFound())));
        skipReasons.setText(describe(plan.skipped()));
        long id = plan.broadcastId();
        skipped.setItems(query -> broadcasts.skipped(id, query.getOffset(), query.getLimit()).stream());
        skipped.setVisible(plan.skippedTotal() > 0);
        previews.removeAll();
        plan.previews().forEach(p -> previews.add(new Paragraph(p.patientName() + ": " + p.text())));
        send.setEnabled(plan.toSend() > 0);
        planPanel.setVisible(true);
        progressPanel.setVisible(false);
        history.getDataProvider().refreshAll();
    }

    private static String describe(Map<SkipKind, Long> skipped) {
        return skipped.isEmpty() ? "Nobody is skipped." : "Skipped: " + skipped.entrySet().stream()
                .map(e -> String.format(Locale.US, "%s %,d", e.getKey().label(), e.getValue()))
                .collect(Collectors.joining(", ")) + ".";
    }

    private void start() {
        try {
            broadcasts.start(currentStaff.get(), planned);
            planPanel.setVisible(false);
            show(planned);
        } catch (IllegalStateException refused) {
            message.setText(refused.getMessage());
        }
    }

    private void discard() {
        try {
            broadcasts.cancel(currentStaff.get(), planned);
        } catch (IllegalStateException refused) {
            message.setText(refused.getMessage());
        }
        planPanel.setVisible(false);
        history.getDataProvider().refreshAll();
    }

    private void act(Runnable action) {
        try {
            action.run();
            message.setText("");
        } catch (IllegalStateException refused) {
            message.setText(refused.getMessage());
        }
        refresh();
        history.getDataProvider().refreshAll();
    }

    /** Shows a broadcast's progress (or its report, once it is over). */
    void show(long broadcastId) {
        shown = broadcastId;
        progressPanel.setVisible(true);
        refresh();
    }

    /** Reads the shown broadcast's progress again (every two seconds while the page is open). */
    void refresh() {
        if (shown == null) {
            return;
        }
        BroadcastProgress p = broadcasts.progress(shown);
        boolean over = p.state() == BroadcastState.DONE || p.state() == BroadcastState.CANCELLED;
        progressTitle.setText(p.name() + ": " + switch (p.state()) {
            case DRAFT -> "not sent yet";
            case SENDING -> "sending";
            case PAUSED -> "paused";
            case CANCELLED -> "cancelled (report)";
            case DONE -> "all queued (report)";
        });
        progressBar.setValue(p.total() == 0 ? 1 : (double) p.finished() / p.total());
        progressText.setText(String.format(Locale.US, "%,d recipients: sent %,d, delivered %,d, failed %,d, "
                        + "skipped %,d, waiting %,d, in the queue %,d%s. %s", p.total(), p.sent(), p.delivered(),
                p.failed(), p.skippedTotal(), p.waiting(), p.inQueue(),
                p.cancelled() == 0 ? "" : String.format(Locale.US, ", not sent (cancelled) %,d", p.cancelled()),
                describe(p.skipped())));
        failures.setText(p.failures().isEmpty() ? "" : "Failed: " + p.failures().entrySet().stream()
                .map(e -> e.getKey() + " (" + e.getValue() + ")").collect(Collectors.joining("; ")));
        pause.setEnabled(p.state() == BroadcastState.SENDING);
        resume.setEnabled(p.state() == BroadcastState.PAUSED);
        cancel.setEnabled(!over);
    }

    @Override
    protected void onAttach(AttachEvent attach) {
        UI ui = attach.getUI();
        ui.setPollInterval(POLL_MILLIS);
        polling = ui.addPollListener(poll -> refresh());
    }

    @Override
    protected void onDetach(DetachEvent detach) {
        detach.getUI().setPollInterval(-1);
        if (polling != null) {
            polling.remove();
        }
    }
}

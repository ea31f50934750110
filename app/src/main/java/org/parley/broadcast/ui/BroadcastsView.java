package org.parley.broadcast.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.shared.Registration;
import jakarta.annotation.security.RolesAllowed;
import java.util.Locale;
import org.parley.broadcast.BroadcastPlan;
import org.parley.broadcast.BroadcastSummary;
import org.parley.broadcast.Broadcasts;
import org.parley.broadcast.SkippedRecipient;
import org.parley.hours.QuietHours;
import org.parley.line.LineService;
import org.parley.line.LineSnapshot;
import org.parley.lists.ListService;
import org.parley.security.web.CurrentStaff;
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

    private static final int POLL_MILLIS = 2000;

    private final Broadcasts broadcasts;
    private final CurrentStaff currentStaff;

    final TextField name = new TextField("Name");
    final ComboBox<LineSnapshot> line = new ComboBox<>("Send from line");
    final TextArea body = new TextArea("Message");
    final AudiencePicker audience;
    final Button check = new Button("Check recipients");
    final Span message = new Span();

    final VerticalLayout planPanel = new VerticalLayout();
    final Span planSummary = new Span();
    final Span skipReasons = new Span();
    final Grid<SkippedRecipient> skipped = new Grid<>();
    final VerticalLayout previews = new VerticalLayout();
    final Button send = new Button("Send now");
    final Button discard = new Button("Discard");

    final BroadcastProgressPanel progress;

    final Grid<BroadcastSummary> history = new Grid<>();

    private Long planned;
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
        audience = new AudiencePicker(broadcasts, currentStaff, tags, lists, message::setText);
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

        progress = new BroadcastProgressPanel(broadcasts, currentStaff, message::setText,
                () -> history.getDataProvider().refreshAll());

        history.setId("broadcast-history");
        history.addColumn(BroadcastSummary::name).setHeader("Broadcast").setAutoWidth(true);
        history.addColumn(BroadcastSummary::audience).setHeader("Audience").setFlexGrow(1);
        history.addColumn(b -> b.state().name().toLowerCase(Locale.ROOT)).setHeader("State").setAutoWidth(true);
        history.setItems(query -> broadcasts.list(query.getOffset(), query.getLimit()).stream());
        history.addItemClickListener(click -> progress.show(click.getItem().id()));
        history.setHeight("14em");

        add(new H2("Broadcasts"), new HorizontalLayout(name, line), body, audience, check, message, planPanel,
                progress, new H3("Earlier broadcasts"), history);
    }

    private void prepare() {
        try {
            BroadcastPlan plan = broadcasts.prepare(currentStaff.get(), name.getValue(),
                    line.getValue() == null ? null : line.getValue().id(), body.getValue(), audience.chosen());
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
        skipReasons.setText(BroadcastProgressPanel.describe(plan.skipped()));
        long id = plan.broadcastId();
        skipped.setItems(query -> broadcasts.skipped(id, query.getOffset(), query.getLimit()).stream());
        skipped.setVisible(plan.skippedTotal() > 0);
        previews.removeAll();
        plan.previews().forEach(p -> previews.add(new Paragraph(p.patientName() + ": " + p.text())));
        send.setEnabled(plan.toSend() > 0);
        planPanel.setVisible(true);
        progress.setVisible(false);
        history.getDataProvider().refreshAll();
    }

    private void start() {
        try {
            broadcasts.start(currentStaff.get(), planned);
            planPanel.setVisible(false);
            progress.show(planned);
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

    @Override
    protected void onAttach(AttachEvent attach) {
        UI ui = attach.getUI();
        ui.setPollInterval(POLL_MILLIS);
        polling = ui.addPollListener(poll -> progress.refresh());
    }

    @Override
    protected void onDetach(DetachEvent detach) {
        detach.getUI().setPollInterval(-1);
        if (polling != null) {
            polling.remove();
        }
    }
}

package org.parley.audit.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.server.streams.DownloadResponse;
import jakarta.annotation.security.RolesAllowed;
import java.io.ByteArrayInputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import org.parley.audit.AuditAction;
import org.parley.audit.AuditEntry;
import org.parley.audit.AuditFilter;
import org.parley.audit.AuditLog;
import org.parley.audit.ChainCheck;
import org.parley.security.web.CurrentStaff;

/**
 * The audit log for admins: newest first, loaded page by page, filtered by user, action (from the catalogue), record (e.g. a patient:
 * type {@code contact} and its id) and dates, and exported as CSV (the export is itself audited). <em>Check
 * integrity</em> walks the hash chain and names the first entry that is missing or was changed.
 */
@Route("admin/audit")
@PageTitle("Audit log | Parley")
@Menu(title = "Audit log", order = 92)
@RolesAllowed("ADMIN")
class AuditLogView extends VerticalLayout {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final AuditLog audit;
    final TextField actor = new TextField("User");
    final ComboBox<AuditAction> action = new ComboBox<>("Action");
    final TextField targetType = new TextField("Record type");
    final TextField targetId = new TextField("Record id");
    final DatePicker from = new DatePicker("From");
    final DatePicker until = new DatePicker("Until (inclusive)");
    final Grid<AuditEntry> grid = new Grid<>();
    final Button check = new Button("Check integrity");
    final Span checkResult = new Span();

    AuditLogView(AuditLog audit, CurrentStaff currentStaff) {
        this.audit = audit;
        setSizeFull();
        actor.setId("audit-actor");
        action.setId("audit-action");
        action.setPlaceholder("Any action");
        action.setItems(AuditAction.values());
        action.setItemLabelGenerator(AuditAction::label);
        action.setClearButtonVisible(true);
        action.addValueChangeListener(e -> grid.getDataProvider().refreshAll());
        targetType.setId("audit-target-type");
        targetType.setPlaceholder("contact, conversation…");
        targetId.setId("audit-target-id");
        from.setId("audit-from");
        until.setId("audit-until");
        for (TextField field : new TextField[] {actor, targetType, targetId}) {
            field.setValueChangeMode(ValueChangeMode.LAZY);
            field.addValueChangeListener(e -> grid.getDataProvider().refreshAll());
        }
        from.addValueChangeListener(e -> grid.getDataProvider().refreshAll());
        until.addValueChangeListener(e -> grid.getDataProvider().refreshAll());
        grid.setId("audit-entries");
        grid.addColumn(e -> WHEN.format(e.occurredAt().atZone(ZoneId.systemDefault()))).setHeader("When")
                .setAutoWidth(true);
        grid.addColumn(AuditEntry::actor).setHeader("User").setAutoWidth(true);
        grid.addColumn(AuditEntry::action).setHeader("Action").setAutoWidth(true);
        grid.addColumn(e -> e.targetType() == null ? "" : e.targetType() + " " + e.targetId()).setHeader("Record")
                .setAutoWidth(true);
        grid.addColumn(e -> e.detail() == null ? "" : e.detail()).setHeader("Detail").setFlexGrow(1);
        grid.setItems(query -> audit.search(filter(), query.getOffset(), query.getLimit()).stream(),
                query -> (int) Math.min(Integer.MAX_VALUE, audit.count(filter())));
        grid.setSizeFull();
        Anchor export = new Anchor(DownloadHandler.fromInputStream(event -> {
            StringWriter csv = new StringWriter();
            audit.exportCsv(currentStaff.get().username(), filter(), csv);
            byte[] bytes = csv.toString().getBytes(StandardCharsets.UTF_8);
            return new DownloadResponse(new ByteArrayInputStream(bytes), "parley-audit.csv", "text/csv", bytes.length);
        }), "Export CSV");
        export.setId("audit-export");
        check.setId("audit-check");
        checkResult.setId("audit-check-result");
        check.addClickListener(e -> {
            ChainCheck result = audit.checkChain(currentStaff.get().username());
            checkResult.setText(result.intact()
                    ? "The audit log is intact: " + result.entriesChecked() + " entries checked. Newest hash: "
                            + result.headHash()
                    : "The audit log was tampered with: " + result.problem() + ".");
            checkResult.getElement().getClassList().set("parley-error", !result.intact());
            grid.getDataProvider().refreshAll();
        });
        HorizontalLayout integrity = new HorizontalLayout(check, checkResult);
        integrity.setDefaultVerticalComponentAlignment(Alignment.CENTER);
        add(new H2("Audit log"), new HorizontalLayout(actor, action, targetType, targetId, from, until, export),
                integrity, grid);
    }

    AuditFilter filter() {
        return new AuditFilter(actor.getValue(), action.getValue() == null ? "" : action.getValue().name(), targetType.getValue(), targetId.getValue(),
                from.getValue() == null ? null : from.getValue().atStartOfDay(ZoneId.systemDefault()).toInstant(),
                until.getValue() == null ? null
                        : until.getValue().plusDays(1).atStartOfDay(ZoneId.systemDefault()).toInstant());
    }
}

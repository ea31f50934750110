package org.parley.report.ui;

import com.vaadin.flow.component.Html;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.server.streams.DownloadResponse;
import jakarta.annotation.security.RolesAllowed;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.parley.line.LineService;
import org.parley.line.LineSnapshot;
import org.parley.lists.InboxListSummary;
import org.parley.lists.ListService;
import org.parley.practice.PracticeProfiles;
import org.parley.report.Report;
import org.parley.report.ReportFilter;
import org.parley.report.Reports;
import org.parley.security.StaffDirectory;
import org.parley.security.StaffMember;

/**
 * Admins see how fast the team answers and how busy it is, over days they choose, for one line, list or staff member
 * or all: each figure as a chart, its numbers as a table and a CSV download. Definitions: docs/user-guide.md, section Reports.
 */
@Route("admin/reports")
@PageTitle("Reports | Parley")
@Menu(title = "Reports", order = 84)
@RolesAllowed("ADMIN")
class ReportsView extends VerticalLayout {

    private final Reports reports;

    final DatePicker from = new DatePicker("First day");
    final DatePicker to = new DatePicker("Last day");
    final ComboBox<LineSnapshot> line = new ComboBox<>("Line");
    final ComboBox<InboxListSummary> list = new ComboBox<>("List");
    final ComboBox<StaffMember> staff = new ComboBox<>("Staff member");
    final Button show = new Button("Show");
    final Span error = new Span();
    final Div sections = new Div();
    /** The sections shown now, by id, for the downloads and for tests. */
    final Map<String, ReportSection> shown = new LinkedHashMap<>();

    ReportsView(Reports reports, PracticeProfiles practice, LineService lines, ListService lists,
                StaffDirectory directory, Clock clock) {
        this.reports = reports;
        LocalDate today = LocalDate.now(clock.withZone(practice.timeZone()));
        from.setValue(today.minusDays(29));
        to.setValue(today);
        line.setItems(lines.all());
        line.setItemLabelGenerator(LineSnapshot::name);
        line.setPlaceholder("All lines");
        line.setClearButtonVisible(true);
        list.setItems(lists.teamLists());
        list.setItemLabelGenerator(InboxListSummary::name);
        list.setPlaceholder("All lists");
        list.setClearButtonVisible(true);
        staff.setItems(query -> directory.searchActive(query.getFilter().orElse(""), query.getOffset(),
                query.getLimit()).stream());
        staff.setItemLabelGenerator(StaffMember::displayName);
        staff.setPlaceholder("Everyone");
        staff.setClearButtonVisible(true);
        show.setId("reports-show");
        show.addThemeVariants(ButtonVariant.PRIMARY);
        show.addClickListener(e -> show());
        error.setId("reports-error");
        error.addClassName("parley-error");
        HorizontalLayout filters = new HorizontalLayout(from, to, line, list, staff, show);
        filters.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        filters.setWrap(true);
        add(new H2("Reports"), new Paragraph("Days and hours are the practice's (" + practice.timeZone().getId()
                + "). First answers count office time on lines with office hours."), filters, error, sections);
        show();
    }

    private void show() {
        error.setText("");
        Report report;
        try {
            report = reports.report(new ReportFilter(from.getValue(), to.getValue(),
                    line.getValue() == null ? null : line.getValue().id(),
                    list.getValue() == null ? null : list.getValue().id(),
                    staff.getValue() == null ? null : staff.getValue().id()));
        } catch (IllegalArgumentException e) {
            error.setText(e.getMessage());
            return;
        }
        sections.removeAll();
        shown.clear();
        for (ReportSection section : ReportSections.of(report)) {
            shown.put(section.id(), section);
            Div box = new Div();
            box.setId("report-" + section.id());
            box.add(new H3(section.title()));
            if (section.svg() != null) {
                box.add(new Html("<div class=\"parley-report-chart\">" + section.svg() + "</div>"));
            }
            Html table = new Html("<div class=\"parley-report-numbers\">" + section.table() + "</div>");
            box.add(table, csv(section));
            sections.add(box);
        }
    }

    private static Anchor csv(ReportSection section) {
        Anchor anchor = new Anchor(DownloadHandler.fromInputStream(event -> {
            byte[] bytes = section.csv().getBytes(StandardCharsets.UTF_8);
            return new DownloadResponse(new ByteArrayInputStream(bytes), "parley-report-" + section.id() + ".csv",
                    "text/csv", bytes.length);
        }), "Download " + section.title().toLowerCase(Locale.ROOT) + " as CSV");
        anchor.setId("report-" + section.id() + "-csv");
        return anchor;
    }

    List<String> sectionIds() {
        return List.copyOf(shown.keySet());
    }
}

package org.parley.report.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.Html;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Anchor;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.parley.practice.PracticeProfiles;
import org.parley.security.StaffDirectory;
import org.parley.testsupport.KaribuTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

/** Issue 18: an admin opens Reports and sees each figure as a chart, a table of its numbers and a CSV download. */
@SpringBootTest(properties = {"spring.datasource.url=jdbc:h2:mem:reportsview;DB_CLOSE_DELAY=-1",
        "parley.plugins.dir=${parley.test.plugins-dir}"})
class ReportsViewTest extends KaribuTest {

    @Autowired
    StaffDirectory directory;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    PracticeProfiles practice;
    @Autowired
    Clock clock;

    ReportsView view;
    LocalDate today;

    @BeforeEach
    void anAdminOpensReportsWithTodaysTexts() {
        if (!directory.hasAnyUser()) {
            directory.createFirstAdmin("admin", "Ada Admin", "a long enough password");
        }
        jdbc.update("delete from message");
        jdbc.update("delete from conversation");
        today = LocalDate.now(clock.withZone(practice.timeZone()));
        jdbc.update("insert into contact (kind, phone_number, created_at, version) values ('UNKNOWN', '+15550101010', "
                + "current_timestamp, 0)");
        long contact = jdbc.queryForObject("select max(id) from contact", Long.class);
        jdbc.update("insert into conversation (line_id, contact_id, status, last_activity_at, created_at, version) "
                + "values ('sandbox', ?, 'OPEN', current_timestamp, current_timestamp, 0)", contact);
        long conversation = jdbc.queryForObject("select max(id) from conversation", Long.class);
        long admin = directory.findByUsername("admin").orElseThrow().id();
        Instant now = clock.instant();
        message(conversation, "INBOUND", null, now.minusSeconds(600));
        message(conversation, "INBOUND", null, now.minusSeconds(590));
        message(conversation, "OUTBOUND", admin, now.minusSeconds(300));
        loginAs("admin", "ADMIN");
        UI.getCurrent().navigate("admin/reports");
        view = _get(ReportsView.class);
    }

    @Test
    void eachFigureHasAChartItsNumbersAsATableAndACsvDownload() {
        assertThat(view.sectionIds()).containsExactly("messages", "first-answers", "backlog", "busy-hours", "exports");

        ReportSection messages = view.shown.get("messages");
        assertThat(messages.rows()).hasSize(30);
        assertThat(messages.rows().getLast()).containsExactly(today.toString(), "2", "1");
        assertThat(messages.csv()).startsWith("Day,In,Out\r\n").endsWith(today + ",2,1\r\n");
        assertThat(messages.table()).contains("<caption>Messages in and out per day</caption>")
                .contains("<th scope=\"row\">" + today + "</th><td>2</td><td>1</td>");
        assertThat(messages.svg()).startsWith("<svg aria-hidden=\"true\"");
        // the days' labels are text, not the outlines of their letters (eight times the markup), in tenths of a pixel
        assertThat(messages.svg()).contains(">" + today + "</text>").doesNotContainPattern("[0-9][.][0-9]{3}");

        assertThat(view.shown.get("first-answers").rows().getFirst())
                .containsExactly("1", "1", "5 min", "5 min", "0", "0.0 %");
        assertThat(view.shown.get("backlog").rows()).extracting(row -> row.get(1))
                .containsExactly("0", "0", "0", "0", "0");

        List<Html> charts = _find(view.sections, Html.class, spec -> spec.withClasses("parley-report-chart"));
        assertThat(charts).hasSize(4).allSatisfy(chart -> assertThat(chart.getInnerHtml()).contains("<svg"));
        Anchor csv = _get(Anchor.class, spec -> spec.withId("report-messages-csv"));
        assertThat(csv.getText()).isEqualTo("Download messages in and out per day as CSV");
    }

    @Test
    void aBackwardsRangeIsRefusedNamingWhyAndTheFiguresShownStay() {
        _setValue(view.from, today);
        _setValue(view.to, today.minusDays(1));
        _click(view.show);

        assertThat(view.error.getText()).isEqualTo("The last day of the report must not be before its first day.");
        assertThat(view.shown.get("messages").rows()).hasSize(30);
    }

    @Test
    void oneDayForOneStaffMemberShowsTheirTextsOnly() {
        _setValue(view.from, today);
        _setValue(view.staff, directory.findByUsername("admin").orElseThrow());
        _click(view.show);

        assertThat(view.error.getText()).isEmpty();
        // the admin wrote one text; the conversation is assigned to nobody, so no patient texts count as theirs
        assertThat(view.shown.get("messages").rows()).isEqualTo(List.of(List.of(today.toString(), "0", "1")));
    }

    void message(long conversation, String direction, Long author, Instant at) {
        jdbc.update("insert into message (conversation_id, line_id, direction, body, author_id, status, message_key, "
                        + "attempts, created_at, updated_at, version) values (?, 'sandbox', ?, 'x', ?, 'DELIVERED', ?, "
                        + "0, ?, ?, 0)",
                conversation, direction, author, UUID.randomUUID().toString(), Timestamp.from(at), Timestamp.from(at));
    }
}

package org.parley.report.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._get;

import com.vaadin.flow.component.UI;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.parley.practice.PracticeProfiles;
import org.parley.report.Report;
import org.parley.report.ReportFilter;
import org.parley.report.Reports;
import org.parley.security.StaffDirectory;
import org.parley.testsupport.EmbeddedPostgresql;
import org.parley.testsupport.KaribuTest;
import org.parley.testsupport.PerformanceDoc;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The Reports benchmark (issue 18: the page opens in under 2 s at 1M messages on PostgreSQL). Fills an embedded
 * PostgreSQL with {@code parley.bench.report-messages} messages (default 1,000,000) over 90 days in 50,000
 * conversations on two lines (one with office hours), written by SQL ({@code generate_series}: the demo data's
 * services would take hours for a million), then times the report's queries and the page opening (server side: the
 * queries, the charts drawn and the component tree; not the browser's rendering). Writes its section of
 * {@code docs/performance.md}. Runs only with {@code -Pbench} (and in CI's quick mode, {@code -Dparley.bench.quick=true}:
 * 20,000 messages in 1,000 conversations); it measures, it does not judge.
 */
@SpringBootTest(properties = {"parley.plugins.dir=${parley.test.plugins-dir}", "logging.level.org.parley=WARN"})
@DirtiesContext
class ReportsBenchmark extends KaribuTest {

    private static final boolean QUICK = Boolean.getBoolean("parley.bench.quick");
    private static final int MESSAGES = Integer.getInteger("parley.bench.report-messages",
            QUICK ? 20_000 : 1_000_000);
    private static final int CONVERSATIONS = QUICK ? 1_000 : 50_000;
    private static final int CHART_EXPORTS = QUICK ? 400 : 20_000;
    private static final int RUNS = 3;
    private static final EmbeddedPostgres POSTGRES = EmbeddedPostgresql.start();


    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        EmbeddedPostgresql.useFor(registry, POSTGRES);
    }

    @AfterAll
    static void stopPostgres() throws IOException {
        POSTGRES.close();
    }

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    StaffDirectory directory;
    @Autowired
    Reports reports;
    @Autowired
    PracticeProfiles practice;

    @Test
    void reports() throws IOException {
        if (!directory.hasAnyUser()) {
            directory.createFirstAdmin("admin", "Ada Admin", "a long enough password");
        }
        loginAs("admin", "ADMIN");
        long filling = System.nanoTime();
        fill();
        double fillSeconds = (System.nanoTime() - filling) / 1e9;
        LocalDate today = LocalDate.now(practice.timeZone());
        List<String> rows = new ArrayList<>();
        rows.add(row("report, last 30 days, all lines", () -> reports.report(ReportFilter.days(today.minusDays(29),
                today))));
        rows.add(row("report, 90 days, all lines", () -> reports.report(ReportFilter.days(today.minusDays(89),
                today))));
        Report month = reports.report(ReportFilter.days(today.minusDays(29), today));
        rows.add(row("its charts and tables drawn (last 30 days)", () -> ReportSections.of(month)));
        rows.add(row("Reports page opened (last 30 days; server side)", () -> {
            UI.getCurrent().navigate("admin/practice");
            UI.getCurrent().navigate("admin/reports");
            return _get(ReportsView.class);
        }));
        write(fillSeconds, rows);
    }

    private String row(String what, Supplier<?> run) {
        long first = System.nanoTime();
        run.get();
        double cold = (System.nanoTime() - first) / 1e6;
        double[] warm = new double[RUNS];
        for (int i = 0; i < RUNS; i++) {
            long start = System.nanoTime();
            run.get();
            warm[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(warm);
        String row = String.format(Locale.ROOT, "| %s | %.0f | %.0f | %.0f |", what, cold, warm[RUNS / 2],
                warm[RUNS - 1]);
        System.out.println(row);
        return row;
    }

    private void fill() {
        long admin = directory.findByUsername("admin").orElseThrow().id();
        jdbc.update("insert into line (id, display_name, phone_number, provider_id, created_at, version) "
                + "values ('clinic', 'Clinic', '+15550009999', 'sandbox', now(), 0)");
        jdbc.update("insert into line_after_hours (line_id, changed_at, changed_by) values ('clinic', now(), 'bench')");
        jdbc.update("insert into line_office_hours (line_id, day_of_week, opens_at, closes_at) "
                + "select 'clinic', d, time '08:00', time '17:30' from generate_series(1, 5) d");
        jdbc.update("insert into contact (kind, phone_number, created_at, version) "
                + "select 'PATIENT', '+1646' || lpad(g::text, 7, '0'), now(), 0 from generate_series(1, ?) g",
                CONVERSATIONS);
        long contact = jdbc.queryForObject("select min(id) from contact where phone_number like '+1646%'", Long.class);
        jdbc.update("insert into conversation (line_id, contact_id, status, last_activity_at, created_at, version) "
                + "select case when g % 2 = 0 then 'sandbox' else 'clinic' end, ? + g - 1, 'OPEN', now(), now(), 0 "
                + "from generate_series(1, ?) g", contact, CONVERSATIONS);
        long conversation = jdbc.queryForObject("select min(id) from conversation", Long.class);
        // message g: conversation g % C, spread evenly over the last 90 days; each conversation's messages take turns
        // (patient, staff, patient, ...), a staff answer a little after the patient's text
        jdbc.update("insert into message (conversation_id, line_id, direction, body, author_id, status, message_key, "
                + "attempts, created_at, updated_at, version) "
                + "select ? + g % ?, case when (g % ?) % 2 = 0 then 'sandbox' else 'clinic' end, "
                + "case when (g / ?) % 2 = 0 then 'INBOUND' else 'OUTBOUND' end, 'x', "
                + "case when (g / ?) % 2 = 0 then null else ? end, 'DELIVERED', 'bench-' || g, 0, "
                + "now() - interval '90 days' + make_interval(secs => g * (90 * 86400.0 / ?)), "
                + "now() - interval '90 days' + make_interval(secs => g * (90 * 86400.0 / ?)), 0 "
                + "from generate_series(0, ? - 1) g",
                conversation, CONVERSATIONS, CONVERSATIONS, CONVERSATIONS, CONVERSATIONS, admin, MESSAGES, MESSAGES,
                MESSAGES);
        jdbc.update("update conversation c set last_inbound_at = (select max(m.created_at) from message m where "
                + "m.conversation_id = c.id and m.direction = 'INBOUND')");
        jdbc.update("insert into chart_exporter (id, plugin_id, display_name, is_default, enabled, created_at, version) "
                + "values ('ehr', 'fhir-export', 'EHR', true, true, now(), 0)");
        jdbc.update("insert into chart_export (id, conversation_id, patient_id, exporter_id, staff_user_id, status, "
                + "attempts, requested_at, updated_at, version) select 'bench-' || g, ? + g % ?, ? + g % ?, 'ehr', ?, "
                + "case when g % 10 = 0 then 'FAILED' else 'EXPORTED' end, 0, "
                + "now() - make_interval(secs => g * (90 * 86400.0 / ?)), now(), 0 from generate_series(1, ?) g",
                conversation, CONVERSATIONS, contact, CONVERSATIONS, admin, CHART_EXPORTS, CHART_EXPORTS);
        jdbc.execute("vacuum analyze"); // as autovacuum would have: visibility for index-only scans
    }

    private void write(double fillSeconds, List<String> rows) throws IOException {
        PerformanceDoc.writeSection("## Reports at a million messages", PerformanceDoc.measuredOn()
                + (QUICK ? "; QUICK MODE (CI: only keeps the benchmark working, the figures mean nothing)" : "")
                + "; embedded PostgreSQL (zonky, default settings), " + String.format(Locale.ROOT, "%,d", MESSAGES)
                + " messages over 90 days in " + String.format(Locale.ROOT, "%,d", CONVERSATIONS)
                + " conversations on two lines (one with office hours Monday to Friday), "
                + String.format(Locale.ROOT, "%,d", CHART_EXPORTS) + " chart exports, "
                + "written by SQL in " + String.format(Locale.ROOT, "%.0f", fillSeconds) + " s, then vacuumed and analysed. "
                + "Times are the server's: the report's queries, and for the page also the charts drawn and the "
                + "component tree (not the browser). Cold is the first run after filling; then the median and the "
                + "slowest of " + RUNS + " runs. Command: `./mvnw -Pbench verify -Dit.test=ReportsBenchmark`.\n\n"
                + "| what | cold ms | median ms | slowest ms |\n|---|---|---|---|\n" + String.join("\n", rows) + "\n");
    }
}

package org.parley.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Timestamp;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Map;
import java.util.UUID;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.parley.hours.LineHours;
import org.parley.hours.OfficeHours;
import org.parley.practice.PracticeProfiles;
import org.parley.security.Role;
import org.parley.security.StaffDirectory;
import org.parley.testsupport.MutableClock;
import org.parley.testsupport.TestStaff;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.test.context.support.WithMockUser;

/**
 * Issue 18: the report's figures over a small data set whose answers were worked out by hand (below), in the
 * practice's time zone (New York), with office hours on one line and none on the other. Subclasses choose the database.
 *
 * <p>Line {@code sandbox} (no office hours: all time counts), line {@code clinic} (open Monday to Friday 9:00-17:00).
 * Range: Monday 2 to Wednesday 4 March 2026; now is Wednesday 15:30.
 * <ul>
 * <li>c1 sandbox: patient Mon 10:00 and 10:05, Alma answers 10:20: one wait of 20 min.</li>
 * <li>c2 sandbox: patient Mon 11:00, automatic reply 11:01 (no answer), Alma answers 13:00: 120 min.</li>
 * <li>c3 sandbox: patient Tue 9:00, Ben answers 9:10 (10 min); patient 9:30, Ben answers 10:00 (30 min).</li>
 * <li>c4 sandbox: patient Wed 15:00, unanswered: 30 min so far, in the backlog under an hour.</li>
 * <li>c5 clinic, list Front desk: patient Mon 16:30, Alma answers Tue 9:15: 45 office minutes.</li>
 * <li>c6 clinic, list Front desk: patient Tue 20:00, Ben answers Wed 10:30: 90 office minutes.</li>
 * <li>c7 sandbox: patient Sun 1 March 23:30 (Mon 04:30 UTC): before the range; in the backlog 1 to 3 days.</li>
 * </ul>
 * Answered waits sorted: 10, 20, 30, 45, 90, 120 min; median (discrete) 30, 90th percentile 120; over an hour: c2 and
 * c6, 2 of 7 waits.
 */
@WithMockUser(username = "admin", roles = "ADMIN")
abstract class AbstractReportFiguresIT {

    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    static final LocalDate MONDAY = LocalDate.of(2026, 3, 2);

    @Autowired
    Reports reports;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    MutableClock clock;
    @Autowired
    PracticeProfiles practice;
    @Autowired
    OfficeHours officeHours;
    @Autowired
    StaffDirectory directory;

    long alma;
    long ben;
    long frontDesk;

    @BeforeEach
    void theKnownDataSet() {
        practice.change(TestStaff.named("admin"), "Riverside Family Practice", NEW_YORK.getId());
        clock.set(at(MONDAY.plusDays(2), 15, 30));
        for (String table : new String[] {"chart_export_message", "chart_export", "chart_exporter",
                "conversation_assignee", "message_word", "outbound_task", "message", "conversation", "line_closed_day"}) {
            jdbc.update("delete from " + table);
        }
        if (jdbc.queryForObject("select count(*) from line where id = 'clinic'", Long.class) == 0) {
            jdbc.update("insert into line (id, display_name, phone_number, provider_id, created_at, version) "
                    + "values ('clinic', 'Clinic', '+15550009999', 'sandbox', current_timestamp, 0)");
        }
        alma = staff("alma");
        ben = staff("ben");
        frontDesk = list("Front desk");
        officeHours.save(TestStaff.named("admin"), new LineHours("clinic", Map.of(
                DayOfWeek.MONDAY, span(9, 17), DayOfWeek.TUESDAY, span(9, 17), DayOfWeek.WEDNESDAY, span(9, 17),
                DayOfWeek.THURSDAY, span(9, 17), DayOfWeek.FRIDAY, span(9, 17)), null, null));

        long c1 = conversation("sandbox", null, alma);
        patient(c1, 0, 10, 0);
        patient(c1, 0, 10, 5);
        staffReply(c1, alma, 0, 10, 20);
        note(c1, alma, 0, 10, 25);
        long c2 = conversation("sandbox", null, alma);
        patient(c2, 0, 11, 0);
        automaticReply(c2, 0, 11, 1);
        staffReply(c2, alma, 0, 13, 0);
        long c3 = conversation("sandbox", null, ben);
        patient(c3, 1, 9, 0);
        staffReply(c3, ben, 1, 9, 10);
        patient(c3, 1, 9, 30);
        staffReply(c3, ben, 1, 10, 0);
        long c4 = conversation("sandbox", null, null);
        patient(c4, 2, 15, 0);
        long c5 = conversation("clinic", frontDesk, null);
        patient(c5, 0, 16, 30);
        staffReply(c5, alma, 1, 9, 15);
        long c6 = conversation("clinic", frontDesk, null);
        patient(c6, 1, 20, 0);
        staffReply(c6, ben, 2, 10, 30);
        long c7 = conversation("sandbox", null, null);
        patient(c7, -1, 23, 30);

        exporter();
        export(c1, alma, 0, 12, 0, "EXPORTED");
        export(c2, alma, 0, 14, 0, "FAILED");
        export(c5, ben, 1, 11, 0, "QUEUED");
        export(c7, ben, -1, 23, 45, "EXPORTED");
    }

    @Test
    void messagesInAndOutAreCountedOnThePracticesDays() {
        Report report = reports.report(ReportFilter.days(MONDAY, MONDAY.plusDays(2)));

        assertThat(report.days()).containsExactly(
                new Report.DayCount(MONDAY, 4, 3),
                new Report.DayCount(MONDAY.plusDays(1), 3, 3),
                new Report.DayCount(MONDAY.plusDays(2), 1, 1));
    }

    @Test
    void firstAnswersCountOfficeTimeOnlyOnLinesWithOfficeHours() {
        Report.FirstAnswers answers = reports.report(ReportFilter.days(MONDAY, MONDAY.plusDays(2))).firstAnswers();

        assertThat(answers.waits()).isEqualTo(7);
        assertThat(answers.answered()).isEqualTo(6);
        assertThat(answers.median()).isEqualTo(Duration.ofMinutes(30));
        assertThat(answers.p90()).isEqualTo(Duration.ofMinutes(120));
        assertThat(answers.overAnHour()).isEqualTo(2);
        assertThat(answers.shareOverAnHour()).isEqualTo(2.0 / 7);
    }

    /**
     * Range Thursday 26 to Friday 27 February; the clinic is closed on Friday 27 (a named closed day).
     * <ul>
     * <li>c8 clinic: patient Thu 16:30 and 18:00, Ben answers Mon 2 March 9:45, after the range: Thu 16:30-17:00, nothing
     * on the closed Friday and the weekend, Mon 9:00-9:45: 75 office minutes.</li>
     * <li>c9 sandbox: patient Fri 23:00, Alma answers Sat 1:00, after the range: 120 minutes (all time counts).</li>
     * <li>c10 clinic: patient Fri 10:00 (closed), unanswered until now (Wed 15:30): Mon and Tue 8 h each, Wed 6 h 30.</li>
     * </ul>
     */
    @Test
    void aWaitOverAClosedDayAndAWeekendCountsOpenTimeOnlyAlsoWhenAnsweredAfterTheRange() {
        jdbc.update("insert into line_closed_day (line_id, closed_on, name) values ('clinic', ?, 'Staff training')",
                MONDAY.minusDays(3));
        long c8 = conversation("clinic", null, ben);
        patient(c8, -4, 16, 30);
        patient(c8, -4, 18, 0);
        staffReply(c8, ben, 0, 9, 45);
        long c9 = conversation("sandbox", null, null);
        patient(c9, -3, 23, 0);
        staffReply(c9, alma, -2, 1, 0);
        long c10 = conversation("clinic", null, null);
        patient(c10, -3, 10, 0);

        Report.FirstAnswers all = reports.report(ReportFilter.days(MONDAY.minusDays(4), MONDAY.minusDays(3)))
                .firstAnswers();
        assertThat(all).isEqualTo(new Report.FirstAnswers(3, 2, Duration.ofMinutes(75), Duration.ofMinutes(120), 3));
        Report.FirstAnswers bens = reports.report(new ReportFilter(MONDAY.minusDays(4), MONDAY.minusDays(3), null,
                null, ben)).firstAnswers();
        assertThat(bens).isEqualTo(new Report.FirstAnswers(1, 1, Duration.ofMinutes(75), Duration.ofMinutes(75), 1));
    }

    @Test
    void aStaffMembersWaitsAreThoseTheyAnsweredFirst() {
        Report report = reports.report(new ReportFilter(MONDAY, MONDAY.plusDays(2), null, null, ben));

        assertThat(report.firstAnswers()).isEqualTo(
                new Report.FirstAnswers(3, 3, Duration.ofMinutes(30), Duration.ofMinutes(90), 1));
        // Ben wrote three texts; the patient texts of his conversation c3 are his in-count
        assertThat(report.days()).extracting(Report.DayCount::out).containsExactly(0L, 2L, 1L);
        assertThat(report.days()).extracting(Report.DayCount::in).containsExactly(0L, 2L, 0L);
    }

    @Test
    void aListOrALineNarrowsEveryFigure() {
        Report list = reports.report(new ReportFilter(MONDAY, MONDAY.plusDays(2), null, frontDesk, null));
        assertThat(list.firstAnswers()).isEqualTo(
                new Report.FirstAnswers(2, 2, Duration.ofMinutes(45), Duration.ofMinutes(90), 1));
        assertThat(list.exports()).extracting(Report.ExportDay::underWay).containsExactly(0L, 1L, 0L);

        Report line = reports.report(new ReportFilter(MONDAY, MONDAY.plusDays(2), "sandbox", null, null));
        assertThat(line.firstAnswers().waits()).isEqualTo(5);
        assertThat(line.firstAnswers().median()).isEqualTo(Duration.ofMinutes(20));
        assertThat(line.backlog()).extracting(Report.BacklogAge::conversations).containsExactly(1L, 0L, 0L, 1L, 0L);
        assertThat(line.exports()).extracting(Report.ExportDay::failed).containsExactly(1L, 0L, 0L);
    }

    @Test
    void theBacklogIsOpenConversationsWaitingForAnAnswerByAge() {
        Report report = reports.report(ReportFilter.days(MONDAY, MONDAY.plusDays(2)));

        assertThat(report.backlog()).extracting(Report.BacklogAge::age, Report.BacklogAge::conversations)
                .containsExactly(
                        Tuple.tuple("Under 1 hour", 1L),
                        Tuple.tuple("1 to 4 hours", 0L),
                        Tuple.tuple("4 to 24 hours", 0L),
                        Tuple.tuple("1 to 3 days", 1L),
                        Tuple.tuple("Over 3 days", 0L));
    }

    @Test
    void theBusiestHoursArePatientMessagesByWeekdayAndHourOfThePracticesClock() {
        Report.BusyHours busy = reports.report(ReportFilter.days(MONDAY, MONDAY.plusDays(2))).busyHours();

        assertThat(busy.at(DayOfWeek.MONDAY, 10)).isEqualTo(2);
        assertThat(busy.at(DayOfWeek.MONDAY, 11)).isEqualTo(1);
        assertThat(busy.at(DayOfWeek.MONDAY, 16)).isEqualTo(1);
        assertThat(busy.at(DayOfWeek.TUESDAY, 9)).isEqualTo(2);
        assertThat(busy.at(DayOfWeek.TUESDAY, 20)).isEqualTo(1);
        assertThat(busy.at(DayOfWeek.WEDNESDAY, 15)).isEqualTo(1);
        assertThat(busy.at(DayOfWeek.SUNDAY, 23)).isZero();
        assertThat(busy.at(DayOfWeek.MONDAY, 4)).isZero();
        assertThat(busy.max()).isEqualTo(2);
    }

    @Test
    void chartExportsAreCountedByTheDayAskedForAndWhereTheyAreNow() {
        Report report = reports.report(ReportFilter.days(MONDAY, MONDAY.plusDays(2)));

        assertThat(report.exports()).containsExactly(
                new Report.ExportDay(MONDAY, 1, 1, 0),
                new Report.ExportDay(MONDAY.plusDays(1), 0, 0, 1),
                new Report.ExportDay(MONDAY.plusDays(2), 0, 0, 0));
    }

    @Test
    void aRangeBackwardsOrOverAYearIsRefusedNamingWhy() {
        assertThatThrownBy(() -> reports.report(ReportFilter.days(MONDAY, MONDAY.minusDays(1))))
                .hasMessage("The last day of the report must not be before its first day.");
        assertThatThrownBy(() -> reports.report(ReportFilter.days(MONDAY, MONDAY.plusDays(366))))
                .hasMessage("A report covers at most 366 days.");
        assertThatThrownBy(() -> reports.report(ReportFilter.days(null, MONDAY)))
                .hasMessage("Choose the first and the last day of the report.");
    }

    static Instant at(LocalDate day, int hour, int minute) {
        return LocalDateTime.of(day, LocalTime.of(hour, minute)).atZone(NEW_YORK).toInstant();
    }

    static LineHours.Span span(int opens, int closes) {
        return new LineHours.Span(LocalTime.of(opens, 0), LocalTime.of(closes, 0));
    }

    long staff(String username) {
        return directory.findByUsername(username).map(s -> s.id())
                .orElseGet(() -> directory.createAccount(TestStaff.named("admin"), username, username, "a long enough password",
                        Role.STAFF).id());
    }

    long list(String name) {
        var ids = jdbc.queryForList("select id from inbox_list where name = ?", Long.class, name);
        if (!ids.isEmpty()) {
            return ids.getFirst();
        }
        jdbc.update("insert into inbox_list (name, kind, created_at, version) values (?, 'TEAM', current_timestamp, 0)",
                name);
        return jdbc.queryForObject("select id from inbox_list where name = ?", Long.class, name);
    }

    long conversation(String line, Long listId, Long assignee) {
        jdbc.update("insert into contact (kind, phone_number, created_at, version) values ('UNKNOWN', ?, "
                + "current_timestamp, 0)", "+1555" + (1000000 + (int) (Math.random() * 8999999)));
        long contact = jdbc.queryForObject("select max(id) from contact", Long.class);
        jdbc.update("insert into conversation (line_id, contact_id, status, last_activity_at, created_at, version, "
                + "assigned_list_id) values (?, ?, 'OPEN', current_timestamp, current_timestamp, 0, ?)", line, contact,
                listId);
        long id = jdbc.queryForObject("select max(id) from conversation", Long.class);
        if (assignee != null) {
            jdbc.update("insert into conversation_assignee (conversation_id, staff_user_id) values (?, ?)", id,
                    assignee);
        }
        return id;
    }

    void patient(long conversation, int day, int hour, int minute) {
        Instant at = at(MONDAY.plusDays(day), hour, minute);
        message(conversation, "INBOUND", null, false, at);
        jdbc.update("update conversation set last_inbound_at = ? where id = ?", Timestamp.from(at), conversation);
    }

    void staffReply(long conversation, long author, int day, int hour, int minute) {
        message(conversation, "OUTBOUND", author, false, at(MONDAY.plusDays(day), hour, minute));
    }

    void automaticReply(long conversation, int day, int hour, int minute) {
        message(conversation, "OUTBOUND", null, true, at(MONDAY.plusDays(day), hour, minute));
    }

    void note(long conversation, long author, int day, int hour, int minute) {
        message(conversation, "NOTE", author, false, at(MONDAY.plusDays(day), hour, minute));
    }

    void message(long conversation, String direction, Long author, boolean system, Instant at) {
        jdbc.update("insert into message (conversation_id, line_id, direction, body, author_id, status, message_key, "
                        + "attempts, created_at, updated_at, version, system_reply) "
                        + "select id, line_id, ?, 'x', ?, 'DELIVERED', ?, 0, ?, ?, 0, ? from conversation where id = ?",
                direction, author, UUID.randomUUID().toString(), Timestamp.from(at), Timestamp.from(at), system,
                conversation);
    }

    void exporter() {
        jdbc.update("insert into chart_exporter (id, plugin_id, display_name, is_default, enabled, created_at, version) "
                + "values ('ehr', 'fhir-export', 'EHR', true, true, current_timestamp, 0)");
    }

    void export(long conversation, long staff, int day, int hour, int minute, String status) {
        Timestamp at = Timestamp.from(at(MONDAY.plusDays(day), hour, minute));
        jdbc.update("insert into chart_export (id, conversation_id, patient_id, exporter_id, staff_user_id, status, "
                        + "attempts, requested_at, updated_at, version) select ?, id, contact_id, 'ehr', ?, ?, 0, ?, ?, 0 "
                        + "from conversation where id = ?",
                UUID.randomUUID().toString(), staff, status, at, at, conversation);
    }
}

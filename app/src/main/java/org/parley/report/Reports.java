package org.parley.report;

import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.parley.hours.ClosedDay;
import org.parley.hours.LineHours;
import org.parley.hours.OfficeHours;
import org.parley.line.LineService;
import org.parley.line.LineSnapshot;
import org.parley.practice.PracticeProfiles;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The figures of the Reports page, each from one scan over indexed columns (V75): nothing here reads a message's text
 * or keeps messages in memory. Counts are SQL aggregates; first answers are told by a stream of the range's messages
 * (time, conversation, line, direction, author) to a {@link WaitTally}, which needs one pass where SQL needed a probe
 * per message and a join of every wait with every open span. Days and hours are the practice's (its time zone); first
 * answers count office time only, for lines that have office hours.
 *
 * <p>Longer than 300 lines on purpose: one query per figure, each with the filters (line, list, staff member) applied
 * the same way by the shared {@code Where}; splitting them would repeat the filters.
 */
@Service
public class Reports {

    /** Patient messages: texts and voicemails. */
    static final String FROM_PATIENT = "m.direction in ('INBOUND', 'VOICEMAIL')";
    /** Office time after a range's end that still counts for waits begun in it. */
    static final int DAYS_AFTER_RANGE = 60;

    /** Rows fetched at a time when a figure streams the range's messages (PostgreSQL keeps the rest on the server). */
    private static final int STREAM_ROWS = 5000;
    /** Conversations probed in one statement for their first answer after the range. */
    private static final int PROBES = 500;

    private final JdbcClient jdbc;
    private final PracticeProfiles practice;
    private final OfficeHours officeHours;
    private final LineService lines;
    private final Clock clock;
    private final boolean postgres;

    Reports(JdbcClient jdbc, DataSource dataSource, PracticeProfiles practice, OfficeHours officeHours,
            LineService lines, Clock clock) throws MetaDataAccessException {
        this.jdbc = jdbc;
        this.practice = practice;
        this.officeHours = officeHours;
        this.lines = lines;
        this.clock = clock;
        this.postgres = "PostgreSQL".equals(
                JdbcUtils.extractDatabaseMetaData(dataSource, DatabaseMetaData::getDatabaseProductName));
    }

    /**
     * The report for the filter (admins only).
     *
     * @throws IllegalArgumentException when the range is missing, backwards or longer than {@link ReportFilter#MAX_DAYS}
     */
    @Transactional(readOnly = true)
    @PreAuthorize("hasRole('ADMIN')")
    public Report report(ReportFilter filter) {
        check(filter);
        ZoneId zone = practice.timeZone();
        Instant start = filter.from().atStartOfDay(zone).toInstant();
        Instant end = filter.to().plusDays(1).atStartOfDay(zone).toInstant();
        Map<LocalDate, long[]> days = new LinkedHashMap<>();
        for (LocalDate day = filter.from(); !day.isAfter(filter.to()); day = day.plusDays(1)) {
            days.put(day, new long[2]);
        }
        long[][] busy = new long[7][24];
        messageCounts(filter, zone, start, end, days, busy);
        List<Report.DayCount> dayCounts = new ArrayList<>();
        days.forEach((d, pair) -> dayCounts.add(new Report.DayCount(d, pair[0], pair[1])));
        return new Report(filter, dayCounts, firstAnswers(filter, zone, start, end), backlog(filter),
                new Report.BusyHours(busy), exports(filter, zone, start, end));
    }

    static void check(ReportFilter filter) {
        if (filter.from() == null || filter.to() == null) {
            throw new IllegalArgumentException("Choose the first and the last day of the report.");
        }
        if (filter.to().isBefore(filter.from())) {
            throw new IllegalArgumentException("The last day of the report must not be before its first day.");
        }
        if (ChronoUnit.DAYS.between(filter.from(), filter.to()) + 1 > ReportFilter.MAX_DAYS) {
            throw new IllegalArgumentException("A report covers at most " + ReportFilter.MAX_DAYS + " days.");
        }
    }

    /**
     * The practice's local date of a timestamp column as three columns (year, month, day): a cast to date would use
     * H2's session zone. The zone id is a validated {@link ZoneId}, never typed text.
     */
    private static String localDate(String column, ZoneId zone) {
        String local = column + " at time zone '" + zone.getId() + "'";
        return "extract(year from " + local + "), extract(month from " + local + "), extract(day from " + local + ")";
    }

    private static LocalDate date(ResultSet rs) throws SQLException {
        return LocalDate.of(rs.getInt(1), rs.getInt(2), rs.getInt(3));
    }

    /** The filter's line, list and staff conditions on patient messages ({@code m}) in the range. */
    private static Where patientMessages(ReportFilter filter, Instant start, Instant end) {
        Where where = new Where(FROM_PATIENT + " and m.created_at >= ? and m.created_at < ?", ts(start), ts(end));
        where.lineAndList(filter, "m.line_id", "m.conversation_id");
        if (filter.staffId() != null) {
            where.and("exists (select 1 from conversation_assignee a where a.conversation_id = m.conversation_id "
                    + "and a.staff_user_id = ?)", filter.staffId());
        }
        return where;
    }

    /**
     * Messages in and out per day and patient messages per weekday and hour, from one scan of the range: counted in
     * quarter hours of the database's clock (every time zone's offset is a whole number of quarter hours), which are
     * then placed on the practice's days and hours here. Far cheaper on PostgreSQL than converting each message's time
     * to the practice's zone in SQL.
     */
    private void messageCounts(ReportFilter filter, ZoneId zone, Instant start, Instant end,
                               Map<LocalDate, long[]> days, long[][] busy) {
        String in = FROM_PATIENT;
        String out = "m.direction = 'OUTBOUND'";
        List<Object> params = new ArrayList<>();
        if (filter.staffId() != null) {
            // a staff member's figures: the texts they wrote, and patient messages of conversations assigned to them
            in = in + " and exists (select 1 from conversation_assignee a where a.conversation_id = m.conversation_id "
                    + "and a.staff_user_id = ?)";
            out = out + " and m.author_id = ?";
            params.add(filter.staffId());
            params.add(filter.staffId());
        }
        Where where = new Where("m.created_at >= ? and m.created_at < ?", ts(start), ts(end));
        where.lineAndList(filter, "m.line_id", "m.conversation_id");
        if (filter.staffId() != null) {
            where.and("((" + out + ") or (" + in + "))", filter.staffId(), filter.staffId());
        } else {
            where.and("m.direction in ('INBOUND', 'VOICEMAIL', 'OUTBOUND')");
        }
        params.addAll(where.params);
        String quarter = postgres ? "date_bin('15 minutes', m.created_at, timestamptz '2000-01-01 00:00:00+00')"
                : "floor(extract(epoch from m.created_at) / 900)";
        jdbc.sql("select " + quarter + " q, sum(case when " + in + " then 1 else 0 end), sum(case when " + out
                        + " then 1 else 0 end) from message m where " + where.sql + " group by " + quarter)
                .params(params)
                .query(rs -> {
                    Instant at = postgres ? rs.getObject(1, OffsetDateTime.class).toInstant()
                            : Instant.ofEpochSecond(rs.getLong(1) * 900);
                    ZonedDateTime local = at.atZone(zone);
                    long patient = rs.getLong(2);
                    long[] pair = days.get(local.toLocalDate());
                    if (pair != null) {
                        pair[0] += patient;
                        pair[1] += rs.getLong(3);
                    }
                    busy[local.getDayOfWeek().getValue() - 1][local.getHour()] += patient;
                });
    }

    /**
     * A wait begins with a patient's message in the range and ends with the conversation's next staff answer; the
     * patient messages that one answer follows form one wait, which begins with the first of them. Its length counts
     * office time only when the line has office hours (else all time); one still unanswered has waited until now.
     *
     * <p>Told by one pass over the range's patient messages and staff answers in the order they were stored (an
     * index-only scan of {@code ix_message_created_direction}, streamed), to a {@link WaitTally} that keeps the
     * conversations waiting and each line's open time as a running total; waits still running at the range's end get
     * their answer from one index probe per conversation. Linear in the range's messages: the SQL it replaces probed
     * the next answer for every patient message and joined every wait with every open span of its line (quadratic in
     * the range's length; 27 s for 90 days at a million messages, docs/performance.md).
     */
    private Report.FirstAnswers firstAnswers(ReportFilter filter, ZoneId zone, Instant start, Instant end) {
        Long staffId = filter.staffId();
        WaitTally tally = new WaitTally(officeClocks(filter, zone), staffId,
                (double) clock.instant().getEpochSecond());
        Where asked = patientMessages(new ReportFilter(filter.from(), filter.to(), filter.lineId(), filter.listId(),
                null), start, end);
        List<Object> params = new ArrayList<>(List.of(ts(start), ts(end)));
        params.addAll(asked.params);
        // no "order by ..., answers first": PostgreSQL would sort every instant's rows; the tally orders ties itself
        jdbc.sql("select m.conversation_id, m.line_id, m.direction, m.author_id, m.created_at from message m "
                        + "where m.created_at >= ? and m.created_at < ? and ((" + asked.sql + ") or ("
                        + staffAnswer("m") + ")) order by m.created_at")
                .withFetchSize(STREAM_ROWS)
                .params(params)
                .query(rs -> {
                    if ("OUTBOUND".equals(rs.getString(3))) {
                        tally.staffAnswer(rs.getLong(1), rs.getLong(4), seconds(rs.getTimestamp(5)));
                    } else {
                        tally.patientMessage(rs.getLong(1), rs.getString(2), seconds(rs.getTimestamp(5)));
                    }
                });
        List<Long> waiting = new ArrayList<>(tally.waitingConversations());
        for (int from = 0; from < waiting.size(); from += PROBES) {
            List<Long> some = waiting.subList(from, Math.min(waiting.size(), from + PROBES));
            List<Object> probe = new ArrayList<>(List.of(ts(end)));
            probe.addAll(some);
            if (staffId != null) {
                probe.add(staffId);
            }
            // each conversation's first staff answer after the range (both of two at one instant)
            jdbc.sql("select c.id, r.author_id, r.created_at from conversation c join message r on r.conversation_id = "
                            + "c.id and " + staffAnswer("r") + " and r.created_at = (select min(f.created_at) from "
                            + "message f where f.conversation_id = c.id and " + staffAnswer("f") + " and f.created_at "
                            + ">= ?) where c.id in (" + "?, ".repeat(some.size() - 1) + "?) order by c.id"
                            + (staffId == null ? "" : ", case when r.author_id = ? then 0 else 1 end"))
                    .params(probe)
                    .query(rs -> {
                        tally.laterAnswer(rs.getLong(1), rs.getLong(2), seconds(rs.getTimestamp(3)));
                    });
        }
        return tally.figures();
    }

    /** A staff member's answer: a text to the patient with an author (automatic replies have none). */
    private static String staffAnswer(String alias) {
        return alias + ".direction = 'OUTBOUND' and " + alias + ".author_id is not null";
    }

    private static double seconds(Timestamp at) {
        Instant instant = at.toInstant();
        return instant.getEpochSecond() + instant.getNano() / 1e9;
    }

    /** The running totals of open time of every line (or the filter's line) with office hours. */
    private Map<String, WaitTally.OfficeClock> officeClocks(ReportFilter filter, ZoneId zone) {
        Map<String, List<long[]>> spans = new LinkedHashMap<>();
        for (OpenSpan span : openSpans(filter, zone)) {
            spans.computeIfAbsent(span.lineId(), line -> new ArrayList<>()).add(new long[] {span.opens(),
                    span.closes()});
        }
        Map<String, WaitTally.OfficeClock> clocks = new HashMap<>();
        spans.forEach((line, open) -> clocks.put(line, new WaitTally.OfficeClock(open)));
        return clocks;
    }

    /** One open span of a line with office hours, in epoch seconds. */
    record OpenSpan(String lineId, long opens, long closes) {
    }

    /** The open spans of every line (or the filter's line) with office hours, from the range's start on, in order. */
    List<OpenSpan> openSpans(ReportFilter filter, ZoneId zone) {
        LocalDate today = LocalDate.ofInstant(clock.instant(), zone);
        LocalDate last = filter.to().plusDays(DAYS_AFTER_RANGE);
        if (last.isAfter(today)) {
            last = today.isBefore(filter.to()) ? filter.to() : today;
        }
        List<OpenSpan> spans = new ArrayList<>();
        for (LineSnapshot line : lines.all()) {
            if (filter.lineId() != null && !filter.lineId().equals(line.id())) {
                continue;
            }
            LineHours hours = officeHours.of(line.id()).orElse(null);
            if (hours == null) {
                continue;
            }
            Set<LocalDate> closed = new HashSet<>();
            for (ClosedDay day : officeHours.closedDays(line.id(), filter.from())) {
                closed.add(day.date());
            }
            int before = spans.size();
            for (LocalDate day = filter.from(); !day.isAfter(last); day = day.plusDays(1)) {
                LineHours.Span span = hours.week().get(day.getDayOfWeek());
                if (span != null && !closed.contains(day)) {
                    spans.add(new OpenSpan(line.id(), day.atTime(span.opens()).atZone(zone).toEpochSecond(),
                            day.atTime(span.closes()).atZone(zone).toEpochSecond()));
                }
            }
            if (spans.size() == before) {
                // office hours set but never open in these days: a wait there counts no time
                spans.add(new OpenSpan(line.id(), 0, 0));
            }
        }
        return spans;
    }

    /** Age buckets of the backlog, wall-clock time since the patient's last message. */
    static final List<Map.Entry<String, Duration>> BACKLOG_AGES = List.of(
            Map.entry("Under 1 hour", Duration.ofHours(1)),
            Map.entry("1 to 4 hours", Duration.ofHours(4)),
            Map.entry("4 to 24 hours", Duration.ofHours(24)),
            Map.entry("1 to 3 days", Duration.ofDays(3)),
            Map.entry("Over 3 days", Duration.ZERO));

    /** Open conversations whose patient's last message has no staff answer after it, by how long ago it came. */
    private List<Report.BacklogAge> backlog(ReportFilter filter) {
        Instant now = clock.instant();
        StringBuilder bucket = new StringBuilder("case");
        List<Object> params = new ArrayList<>();
        for (int i = 0; i < BACKLOG_AGES.size() - 1; i++) {
            bucket.append(" when c.last_inbound_at > ? then ").append(i);
            params.add(ts(now.minus(BACKLOG_AGES.get(i).getValue())));
        }
        bucket.append(" else ").append(BACKLOG_AGES.size() - 1).append(" end");
        Where where = new Where("c.status = 'OPEN' and c.last_inbound_at is not null and not exists (select 1 from "
                + "message r where r.conversation_id = c.id and " + staffAnswer("r") + " and r.created_at > c.last_inbound_at)");
        if (filter.lineId() != null) {
            where.and("c.line_id = ?", filter.lineId());
        }
        if (filter.listId() != null) {
            where.and("c.assigned_list_id = ?", filter.listId());
        }
        if (filter.staffId() != null) {
            where.and("exists (select 1 from conversation_assignee a where a.conversation_id = c.id and "
                    + "a.staff_user_id = ?)", filter.staffId());
        }
        params.addAll(where.params);
        long[] counts = new long[BACKLOG_AGES.size()];
        jdbc.sql("select b, count(*) from (select " + bucket + " b from conversation c where " + where.sql + ") aged "
                        + "group by b")
                .params(params)
                .query(rs -> {
                    counts[rs.getInt(1)] += rs.getLong(2);
                });
        List<Report.BacklogAge> ages = new ArrayList<>();
        for (int i = 0; i < counts.length; i++) {
            ages.add(new Report.BacklogAge(BACKLOG_AGES.get(i).getKey(), counts[i]));
        }
        return ages;
    }

    private List<Report.ExportDay> exports(ReportFilter filter, ZoneId zone, Instant start, Instant end) {
        Where where = new Where("e.requested_at >= ? and e.requested_at < ?", ts(start), ts(end));
        where.lineAndList(filter, null, "e.conversation_id");
        if (filter.staffId() != null) {
            where.and("e.staff_user_id = ?", filter.staffId());
        }
        Map<LocalDate, long[]> counts = new LinkedHashMap<>();
        for (LocalDate day = filter.from(); !day.isAfter(filter.to()); day = day.plusDays(1)) {
            counts.put(day, new long[3]);
        }
        String day = localDate("e.requested_at", zone);
        jdbc.sql("select " + day + ", sum(case when e.status = 'EXPORTED' then 1 else 0 end), "
                        + "sum(case when e.status = 'FAILED' then 1 else 0 end), "
                        + "sum(case when e.status in ('QUEUED', 'SENDING') then 1 else 0 end) "
                        + "from chart_export e where " + where.sql + " group by " + day)
                .params(where.params)
                .query(rs -> {
                    long[] c = counts.get(date(rs));
                    if (c != null) {
                        c[0] += rs.getLong(4);
                        c[1] += rs.getLong(5);
                        c[2] += rs.getLong(6);
                    }
                });
        List<Report.ExportDay> days = new ArrayList<>();
        counts.forEach((d, c) -> days.add(new Report.ExportDay(d, c[0], c[1], c[2])));
        return days;
    }

    private static Timestamp ts(Instant at) {
        return Timestamp.from(at);
    }

    /** A where clause and its parameters, in order. */
    private static final class Where {
        private String sql;
        private final List<Object> params = new ArrayList<>();

        Where(String sql, Object... params) {
            this.sql = sql;
            this.params.addAll(List.of(params));
        }

        void and(String condition, Object... values) {
            sql = sql + " and " + condition;
            params.addAll(List.of(values));
        }

        /** The line (on the row's own line column, or its conversation's) and the conversation's current list. */
        void lineAndList(ReportFilter filter, String lineColumn, String conversationColumn) {
            if (filter.lineId() != null && lineColumn != null) {
                and(lineColumn + " = ?", filter.lineId());
            }
            if (filter.listId() != null || (filter.lineId() != null && lineColumn == null)) {
                String condition = "exists (select 1 from conversation c where c.id = " + conversationColumn;
                List<Object> values = new ArrayList<>();
                if (filter.lineId() != null && lineColumn == null) {
                    condition += " and c.line_id = ?";
                    values.add(filter.lineId());
                }
                if (filter.listId() != null) {
                    condition += " and c.assigned_list_id = ?";
                    values.add(filter.listId());
                }
                and(condition + ")", values.toArray());
            }
        }
    }
}

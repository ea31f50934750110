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
 * The figures of the Reports page, each one SQL aggregate over indexed columns (V75): nothing here reads a message's
 * text or loads messages into Java. Days and hours are the practice's (its time zone); first answers count office time
 * only, for lines that have office hours (the open spans of the range are handed to the query as a small table).
 *
 * <p>Longer than 300 lines on purpose: one SQL aggregate per figure, each with the filters (line, list, staff member)
 * applied the same way by the shared {@code Where}; splitting them would repeat the filters.
 */
@Service
public class Reports {

    /** Patient messages: texts and voicemails. */
    static final String FROM_PATIENT = "m.direction in ('INBOUND', 'VOICEMAIL')";
    /** A staff member's answer: a text to the patient with an author (automatic replies have none). */
    static final String STAFF_ANSWER = "r.direction = 'OUTBOUND' and r.author_id is not null";
    /** Office time after a range's end that still counts for waits begun in it. */
    static final int DAYS_AFTER_RANGE = 60;

    private static final long HOUR = 3600;

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
     */
    private Report.FirstAnswers firstAnswers(ReportFilter filter, ZoneId zone, Instant start, Instant end) {
        Where asked = patientMessages(filter.staffId() == null ? filter
                : new ReportFilter(filter.from(), filter.to(), filter.lineId(), filter.listId(), null), start, end);
        List<Object> params = new ArrayList<>(asked.params);
        StringBuilder sql = new StringBuilder("with asked as (select m.conversation_id, m.line_id, m.created_at asked_at, "
                + "(select min(r.created_at) from message r where r.conversation_id = "
                + "m.conversation_id and " + STAFF_ANSWER + " and r.created_at > m.created_at) answered_at "
                + "from message m where " + asked.sql + "), "
                + "waits as (select conversation_id, line_id, min(asked_at) asked_at, answered_at from asked "
                + "group by conversation_id, line_id, answered_at)");
        String waits = "waits";
        if (filter.staffId() != null) {
            // a staff member's waits are those they answered first
            sql.append(", answered_by as (select w.* from waits w where exists (select 1 from message r where "
                    + "r.conversation_id = w.conversation_id and " + STAFF_ANSWER + " and r.author_id = ? and "
                    + "r.created_at = w.answered_at))");
            params.add(filter.staffId());
            waits = "answered_by";
        }
        // seconds as double precision: PostgreSQL's extract gives numeric, several times slower to add up
        sql.append(", edges as (select conversation_id, line_id, answered_at, "
                + "cast(extract(epoch from asked_at) as double precision) a, "
                + "coalesce(cast(extract(epoch from answered_at) as double precision), ?) e from ").append(waits)
                .append(")");
        params.add((double) clock.instant().getEpochSecond());
        List<OpenSpan> spans = openSpans(filter, zone);
        String seconds = "(x.e - x.a)";
        if (!spans.isEmpty()) {
            sql.append(", spans (line_id, opens_at, closes_at) as (values ");
            Set<String> withHours = new HashSet<>();
            for (int i = 0; i < spans.size(); i++) {
                OpenSpan span = spans.get(i);
                sql.append(i == 0 ? "" : ", ").append("(?, ?, ?)");
                params.add(span.lineId());
                params.add(span.opens());
                params.add(span.closes());
                withHours.add(span.lineId());
            }
            sql.append(")");
            StringBuilder in = new StringBuilder();
            for (String line : withHours) {
                in.append(in.isEmpty() ? "?" : ", ?");
                params.add(line);
            }
            // a join and one grouping, not a subquery per wait (that was seconds at a million messages)
            seconds = "case when x.line_id in (" + in + ") then coalesce(sum(least(x.e, s.closes_at) - "
                    + "greatest(x.a, s.opens_at)), 0) else max(x.e - x.a) end";
            sql.append(", timed as (select x.answered_at, ").append(seconds).append(" secs from edges x left join "
                    + "spans s on s.line_id = x.line_id and s.opens_at < x.e and s.closes_at > x.a "
                    + "group by x.conversation_id, x.line_id, x.answered_at, x.a, x.e) ");
        } else {
            sql.append(", timed as (select x.answered_at, ").append(seconds).append(" secs from edges x) ");
        }
        // percentiles by nearest rank (the k-th smallest, k = ceil(p * n)), the same on H2 and PostgreSQL, whose
        // percentile_disc differ
        sql.append(", ranked as (select secs, row_number() over (order by secs) k, count(*) over () n from timed "
                + "where answered_at is not null) ");
        sql.append("select (select count(*) from timed), (select count(*) from ranked), "
                + "(select min(secs) from ranked where k >= ceiling(0.5 * n)), "
                + "(select min(secs) from ranked where k >= ceiling(0.9 * n)), "
                + "(select coalesce(sum(case when secs > ").append(HOUR).append(" then 1 else 0 end), 0) from timed)");
        return jdbc.sql(sql.toString()).params(params).query((rs, n) -> new Report.FirstAnswers(rs.getLong(1),
                rs.getLong(2), duration(rs.getObject(3)), duration(rs.getObject(4)), rs.getLong(5))).single();
    }

    private static Duration duration(Object seconds) {
        return seconds == null ? null : Duration.ofSeconds(Math.round(((Number) seconds).doubleValue()));
    }

    /** One open span of a line with office hours, in epoch seconds. */
    record OpenSpan(String lineId, long opens, long closes) {
    }

    /** The open spans of every line (or the filter's line) with office hours, from the range's start on. */
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
                + "message r where r.conversation_id = c.id and " + STAFF_ANSWER + " and r.created_at > c.last_inbound_at)");
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

package org.parley.hours;

import java.sql.Time;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.parley.audit.AuditAction;
import org.parley.audit.AuditLog;
import org.parley.base.LeasedQueue;
import org.parley.line.LineGateway;
import org.parley.line.LineService;
import org.parley.practice.PracticeProfiles;
import org.parley.security.StaffMember;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Each line's office hours and closed days, in the practice's time zone, and what a patient writing outside them is
 * told. Read from the database on each use (indexed reads by line), so every node sees an admin's change at once.
 * Changes are for admins and audited (ids and days only: the texts are the practice's, but kept out of the log).
 */
@Service
public class OfficeHours {

    static final int MAX_TEXT = 640;
    static final int MAX_NAME = 80;

    /** Whether a line is open at a moment, and if closed for a named day, its name. */
    public record Openness(boolean hoursSet, boolean open, String closedDayName) {
    }

    private final JdbcClient jdbc;
    private final LineService lines;
    private final LineGateway gateway;
    private final PracticeProfiles practice;
    private final AuditLog audit;
    private final Clock clock;

    OfficeHours(JdbcClient jdbc, LineService lines, LineGateway gateway, PracticeProfiles practice, AuditLog audit,
                Clock clock) {
        this.jdbc = jdbc;
        this.lines = lines;
        this.gateway = gateway;
        this.practice = practice;
        this.audit = audit;
        this.clock = clock;
    }

    /** The line's office hours, or empty while none were set (the line is then never "after hours"). */
    @Transactional(readOnly = true)
    public Optional<LineHours> of(String lineId) {
        Optional<String[]> texts = jdbc.sql("select reply_text, closed_day_text from line_after_hours where line_id = ?")
                .param(lineId)
                .query((rs, n) -> new String[] {rs.getString(1), rs.getString(2)}).optional();
        if (texts.isEmpty()) {
            return Optional.empty();
        }
        Map<DayOfWeek, LineHours.Span> week = new EnumMap<>(DayOfWeek.class);
        jdbc.sql("select day_of_week, opens_at, closes_at from line_office_hours where line_id = ?").param(lineId)
                .query(rs -> {
                    week.put(DayOfWeek.of(rs.getInt(1)),
                            new LineHours.Span(rs.getTime(2).toLocalTime(), rs.getTime(3).toLocalTime()));
                });
        return Optional.of(new LineHours(lineId, week, texts.get()[0], texts.get()[1]));
    }

    /**
     * Sets a line's weekly hours and after-hours texts (admins only). Blank texts mean no reply (or, for the closed-day
     * text, the ordinary reply).
     *
     * @throws IllegalArgumentException naming the first thing wrong; nothing is stored then
     */
    @Transactional
    @PreAuthorize("hasRole('ADMIN')")
    public LineHours save(StaffMember actor, LineHours hours) {
        knownLine(hours.lineId());
        for (DayOfWeek day : DayOfWeek.values()) {
            LineHours.Span span = hours.week().get(day);
            if (span == null) {
                continue;
            }
            if (span.opens() == null || span.closes() == null) {
                throw new IllegalArgumentException(name(day) + ": enter both the opening and the closing time, "
                        + "or neither for a day the line is closed.");
            }
            if (!span.opens().isBefore(span.closes())) {
                throw new IllegalArgumentException(name(day) + ": the opening time must be before the closing time.");
            }
        }
        String reply = text(hours.replyText(), "The after-hours reply");
        String closedDay = text(hours.closedDayText(), "The closed-day reply");
        fitsTheLine(hours.lineId(), reply, "The after-hours reply");
        fitsTheLine(hours.lineId(), closedDay, "The closed-day reply");
        Instant now = clock.instant();
        int updated = jdbc.sql("update line_after_hours set reply_text = ?, closed_day_text = ?, changed_at = ?, "
                        + "changed_by = ? where line_id = ?")
                .params(reply, closedDay, LeasedQueue.timestamp(now), actor.username(), hours.lineId()).update();
        if (updated == 0) {
            jdbc.sql("insert into line_after_hours (line_id, reply_text, closed_day_text, changed_at, changed_by) "
                            + "values (?, ?, ?, ?, ?)")
                    .params(hours.lineId(), reply, closedDay, LeasedQueue.timestamp(now), actor.username()).update();
        }
        jdbc.sql("delete from line_office_hours where line_id = ?").param(hours.lineId()).update();
        hours.week().forEach((day, span) -> jdbc.sql(
                        "insert into line_office_hours (line_id, day_of_week, opens_at, closes_at) values (?, ?, ?, ?)")
                .params(hours.lineId(), day.getValue(), Time.valueOf(span.opens()), Time.valueOf(span.closes()))
                .update());
        audit.record(actor.username(), AuditAction.OFFICE_HOURS_CHANGED, "line", hours.lineId(),
                hours.week().size() + " open weekdays, after-hours reply " + (reply == null ? "off" : "on"));
        return new LineHours(hours.lineId(), hours.week(), reply, closedDay);
    }

    /** The line's closed days from {@code from} on, earliest first. */
    @Transactional(readOnly = true)
    public List<ClosedDay> closedDays(String lineId, LocalDate from) {
        return jdbc.sql("select id, line_id, closed_on, name from line_closed_day where line_id = ? and closed_on >= ? "
                        + "order by closed_on")
                .params(lineId, from)
                .query((rs, n) -> new ClosedDay(rs.getLong(1), rs.getString(2), rs.getObject(3, LocalDate.class),
                        rs.getString(4)))
                .list();
    }

    /** Today in the practice's zone: closed days before it are past. */
    public LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), practice.timeZone());
    }

    /**
     * Closes a line for a whole named day (admins only).
     *
     * @throws IllegalArgumentException when the day is missing or past, the name blank or too long, or the day is
     *                                  closed already
     */
    @Transactional
    @PreAuthorize("hasRole('ADMIN')")
    public ClosedDay addClosedDay(StaffMember actor, String lineId, LocalDate date, String name) {
        knownLine(lineId);
        if (date == null) {
            throw new IllegalArgumentException("Choose the date the line is closed.");
        }
        if (date.isBefore(today())) {
            throw new IllegalArgumentException("Choose today or a later date: " + date + " is past.");
        }
        String clean = name == null ? "" : name.strip().replaceAll("\\s+", " ");
        if (clean.isEmpty()) {
            throw new IllegalArgumentException("Name the closed day (e.g. Thanksgiving).");
        }
        if (clean.length() > MAX_NAME) {
            throw new IllegalArgumentException("The closed day's name is longer than " + MAX_NAME + " characters.");
        }
        Optional<String> existing = jdbc.sql("select name from line_closed_day where line_id = ? and closed_on = ?")
                .params(lineId, date).query(String.class).optional();
        if (existing.isPresent()) {
            throw new IllegalArgumentException("The line is already closed on " + date + " (" + existing.get() + ").");
        }
        jdbc.sql("insert into line_closed_day (line_id, closed_on, name) values (?, ?, ?)")
                .params(lineId, date, clean).update();
        long id = jdbc.sql("select id from line_closed_day where line_id = ? and closed_on = ?").params(lineId, date)
                .query(Long.class).single();
        audit.record(actor.username(), AuditAction.CLOSED_DAY_ADDED, "line", lineId, date.toString());
        return new ClosedDay(id, lineId, date, clean);
    }

    /** Opens a closed day again (admins only); a day removed already changes nothing. */
    @Transactional
    @PreAuthorize("hasRole('ADMIN')")
    public void removeClosedDay(StaffMember actor, long id) {
        jdbc.sql("select line_id, closed_on from line_closed_day where id = ?").param(id)
                .query((rs, n) -> new String[] {rs.getString(1), rs.getObject(2, LocalDate.class).toString()})
                .optional().ifPresent(day -> {
                    jdbc.sql("delete from line_closed_day where id = ?").param(id).update();
                    audit.record(actor.username(), AuditAction.CLOSED_DAY_REMOVED, "line", day[0], day[1]);
                });
    }

    /**
     * The line's open time as a stopwatch for waits that began on or after {@code since} (its closed days from then
     * on are read now, once).
     */
    @Transactional(readOnly = true)
    public OpenTime openTime(String lineId, Instant since) {
        ZoneId zone = practice.timeZone();
        Optional<LineHours> hours = of(lineId);
        Set<LocalDate> closed = new HashSet<>();
        if (hours.isPresent()) {
            closedDays(lineId, LocalDate.ofInstant(since, zone)).forEach(day -> closed.add(day.date()));
        }
        return new OpenTime(hours.orElse(null), closed, zone);
    }

    /** Whether the line is open at {@code at}, judged by the practice's clocks (so summer time moves with them). */
    @Transactional(readOnly = true)
    public Openness at(String lineId, Instant at) {
        return of(lineId).map(hours -> at(hours, at)).orElseGet(() -> new Openness(false, true, null));
    }

    /** {@link #at(String, Instant)} for hours already read. */
    private Openness at(LineHours hours, Instant at) {
        String lineId = hours.lineId();
        ZoneId zone = practice.timeZone();
        ZonedDateTime local = at.atZone(zone);
        Optional<String> closedDay = jdbc.sql("select name from line_closed_day where line_id = ? and closed_on = ?")
                .params(lineId, local.toLocalDate()).query(String.class).optional();
        if (closedDay.isPresent()) {
            return new Openness(true, false, closedDay.get());
        }
        LineHours.Span span = hours.week().get(local.getDayOfWeek());
        LocalTime time = local.toLocalTime();
        boolean open = span != null && !time.isBefore(span.opens()) && time.isBefore(span.closes());
        return new Openness(true, open, null);
    }

    /**
     * What a patient writing at {@code at} is told: the closed-day text on a named closed day (else the reply), the
     * reply outside the weekly hours, nothing while the line is open or has no reply.
     */
    @Transactional(readOnly = true)
    public Optional<String> afterHoursReply(String lineId, Instant at) {
        // On every patient's text: the line's hours are read once (one query for a line without any).
        Optional<LineHours> read = of(lineId);
        if (read.isEmpty()) {
            return Optional.empty();
        }
        LineHours hours = read.get();
        Openness openness = at(hours, at);
        if (openness.open()) {
            return Optional.empty();
        }
        if (openness.closedDayName() != null && hours.closedDayText() != null) {
            return Optional.of(hours.closedDayText());
        }
        return Optional.ofNullable(hours.replyText());
    }

    private void knownLine(String lineId) {
        if (lineId == null || lines.find(lineId).isEmpty()) {
            throw new IllegalArgumentException("Choose a line.");
        }
    }

    /** A text the line's provider would refuse is refused now, not at night when a patient writes. */
    private void fitsTheLine(String lineId, String text, String what) {
        if (text == null) {
            return;
        }
        gateway.descriptor(lineId).ifPresent(provider -> {
            if (text.length() > provider.maxTextLength()) {
                throw new IllegalArgumentException(what + " has " + text.length() + " characters; " + provider.name()
                        + " accepts at most " + provider.maxTextLength() + ".");
            }
        });
    }

    private static String text(String value, String what) {
        String clean = value == null ? "" : value.strip();
        if (clean.isEmpty()) {
            return null;
        }
        if (clean.length() > MAX_TEXT) {
            throw new IllegalArgumentException(what + " is longer than " + MAX_TEXT + " characters.");
        }
        return clean;
    }

    static String name(DayOfWeek day) {
        return day.getDisplayName(TextStyle.FULL, Locale.US);
    }
}

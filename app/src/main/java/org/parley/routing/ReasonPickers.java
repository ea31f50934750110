package org.parley.routing;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.parley.audit.AuditAction;
import org.parley.audit.AuditLog;
import org.parley.base.TypedText;
import org.parley.line.LineService;
import org.parley.lists.InboxListSummary;
import org.parley.lists.ListService;
import org.parley.security.StaffMember;
import org.parley.tag.TagService;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The lines' reason pickers (Klara's): an admin turns one on for a line, writes its question and names two or three
 * reasons, each with a list and/or a tag. Read on a new conversation's first text and on the patient's answer, from
 * the database, so every node applies an admin's change at once. Changes are audited (the line's id: the words are
 * the practice's, not a patient's).
 */
@Service
public class ReasonPickers {

    static final int MAX_QUESTION = 320;
    static final int MAX_LABEL = 40;
    /** An answer: the number alone, with spaces, a full stop or a bracket after it ("2", " 2 ", "2.", "2)"). */
    private static final Pattern ANSWER = Pattern.compile("\\s*([1-3])\\s*[.)]?\\s*");

    private final JdbcClient jdbc;
    private final ListService lists;
    private final TagService tags;
    private final LineService lines;
    private final AuditLog audit;
    private final Clock clock;

    ReasonPickers(JdbcClient jdbc, ListService lists, TagService tags, LineService lines, AuditLog audit,
                  Clock clock) {
        this.jdbc = jdbc;
        this.lists = lists;
        this.tags = tags;
        this.lines = lines;
        this.audit = audit;
        this.clock = clock;
    }

    /** The line's reason picker, if it has one turned on. */
    @Transactional(readOnly = true)
    public Optional<ReasonPicker> forLine(String lineId) {
        Optional<String> question = jdbc.sql("select question from line_reason_picker where line_id = ?")
                .param(lineId).query(String.class).optional();
        return question.map(q -> new ReasonPicker(lineId, q, jdbc.sql("select choice, label, to_list_id, add_tag_id "
                        + "from line_reason where line_id = ? order by choice").param(lineId)
                .query((rs, n) -> new ReasonPicker.Reason(rs.getInt(1), rs.getString(2), rs.getObject(3, Long.class),
                        rs.getObject(4, Long.class))).list()));
    }

    /** The number a patient's text answers with, if the text is an answer at all. */
    public static OptionalInt answer(String text) {
        if (text == null) {
            return OptionalInt.empty();
        }
        Matcher matcher = ANSWER.matcher(text);
        return matcher.matches() ? OptionalInt.of(Integer.parseInt(matcher.group(1))) : OptionalInt.empty();
    }

    /**
     * Turns the line's reason picker on, or changes it (admins only).
     *
     * @throws IllegalArgumentException naming the first thing wrong; nothing is stored then
     */
    @Transactional
    @PreAuthorize("hasRole('ADMIN')")
    public ReasonPicker save(StaffMember actor, ReasonPicker picker) {
        ReasonPicker valid = validated(picker);
        Timestamp now = Timestamp.from(clock.instant());
        jdbc.sql("delete from line_reason_picker where line_id = ?").param(valid.lineId()).update();
        jdbc.sql("insert into line_reason_picker (line_id, question, changed_at, changed_by) values (?, ?, ?, ?)")
                .params(valid.lineId(), valid.question(), now, actor.username()).update();
        for (ReasonPicker.Reason reason : valid.reasons()) {
            jdbc.sql("insert into line_reason (line_id, choice, label, to_list_id, add_tag_id) values (?, ?, ?, ?, ?)")
                    .params(valid.lineId(), reason.choice(), reason.label(), reason.toListId(), reason.addTagId())
                    .update();
        }
        audit.record(actor.username(), AuditAction.REASON_PICKER_SAVED, "line", valid.lineId(),
                valid.reasons().size() + " reasons");
        return valid;
    }

    /** Turns the line's reason picker off (admins only); conversations asked already are still routed by answers. */
    @Transactional
    @PreAuthorize("hasRole('ADMIN')")
    public void turnOff(StaffMember actor, String lineId) {
        if (jdbc.sql("delete from line_reason_picker where line_id = ?").param(lineId).update() > 0) {
            audit.record(actor.username(), AuditAction.REASON_PICKER_OFF, "line", lineId, null);
        }
    }

    private ReasonPicker validated(ReasonPicker picker) {
        if (picker.lineId() == null || lines.find(picker.lineId()).isEmpty()) {
            throw new IllegalArgumentException("Choose the line whose new conversations are asked.");
        }
        String question = picker.question() == null ? "" : picker.question().strip();
        if (question.isEmpty()) {
            throw new IllegalArgumentException("Write the question, e.g. \"To reach the right person, reply with a "
                    + "number:\".");
        }
        if (question.length() > MAX_QUESTION) {
            throw new IllegalArgumentException("The question has at most " + MAX_QUESTION + " characters.");
        }
        TypedText.requireText(question, "question");
        List<ReasonPicker.Reason> reasons = new ArrayList<>();
        boolean gap = false;
        for (ReasonPicker.Reason reason : picker.reasons()) {
            String label = reason.label() == null ? "" : reason.label().strip().replaceAll("\\s+", " ");
            if (label.isEmpty() && reason.toListId() == null && reason.addTagId() == null) {
                gap = true; // a row left empty: fine at the end
                continue;
            }
            int choice = reasons.size() + 1;
            if (gap) {
                throw new IllegalArgumentException("Fill reason " + choice + " before the ones after it: the patient "
                        + "answers 1, 2 or 3 in order.");
            }
            if (label.isEmpty()) {
                throw new IllegalArgumentException("Name reason " + choice + " as the patient reads it, e.g. Refill.");
            }
            if (label.length() > MAX_LABEL) {
                throw new IllegalArgumentException("Reason " + choice + " has more than " + MAX_LABEL
                        + " characters.");
            }
            TypedText.requireLine(label, "reason");
            if (reason.toListId() == null && reason.addTagId() == null) {
                throw new IllegalArgumentException("Reason " + choice + " (" + label + ") needs a list to put the "
                        + "conversation in, a tag, or both.");
            }
            if (reason.toListId() != null) {
                InboxListSummary list = lists.find(reason.toListId()).orElseThrow(
                        () -> new IllegalArgumentException("There is no list " + reason.toListId() + "."));
                if (list.blocked()) {
                    throw new IllegalArgumentException("A reason cannot put conversations in BLOCKED.");
                }
            }
            if (reason.addTagId() != null && tags.find(reason.addTagId()).isEmpty()) {
                throw new IllegalArgumentException("There is no tag " + reason.addTagId() + ".");
            }
            reasons.add(new ReasonPicker.Reason(choice, label, reason.toListId(), reason.addTagId()));
        }
        if (reasons.size() < 2 || reasons.size() > 3) {
            throw new IllegalArgumentException("Name two or three reasons: the patient answers 1, 2 or 3.");
        }
        return new ReasonPicker(picker.lineId(), question, reasons);
    }
}

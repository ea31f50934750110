package org.parley.routing;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.Optional;
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
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The routing rules in the admin's order, and the first that matches a conversation starting or reopening. Changes
 * are for admins and audited (ids and the rule's name: the words are the practice's, not a patient's).
 */
@Service
public class RoutingRules {

    static final int MAX_NAME = 80;
    static final int MAX_WORDS = 400;

    private final JdbcClient jdbc;
    private final ListService lists;
    private final TagService tags;
    private final LineService lines;
    private final AuditLog audit;
    private final Clock clock;

    RoutingRules(JdbcClient jdbc, ListService lists, TagService tags, LineService lines, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.lists = lists;
        this.tags = tags;
        this.lines = lines;
        this.audit = audit;
        this.clock = clock;
    }

    /** The rules in the order they are tried. */
    @Transactional(readOnly = true)
    public List<RoutingRule> all() {
        return jdbc.sql("select id, name, words, patient_tag_id, line_id, to_list_id, add_tag_id from routing_rule "
                        + "order by position, id")
                .query((rs, n) -> new RoutingRule(rs.getLong(1), rs.getString(2), RoutingRule.words(rs.getString(3)),
                        rs.getObject(4, Long.class), rs.getString(5), rs.getObject(6, Long.class),
                        rs.getObject(7, Long.class)))
                .list();
    }

    /**
     * The first rule, in the admin's order, whose conditions all hold for a patient's text on a line.
     *
     * @param contactId the patient (or contact) who wrote
     * @param text      what they wrote; {@code null} for a voicemail or a picture without words
     */
    @Transactional(readOnly = true)
    public Optional<RoutingRule> firstMatch(String lineId, long contactId, String text) {
        for (RoutingRule rule : all()) {
            if (matches(rule, lineId, contactId, text)) {
                return Optional.of(rule);
            }
        }
        return Optional.empty();
    }

    private boolean matches(RoutingRule rule, String lineId, long contactId, String text) {
        if (rule.lineId() != null && !rule.lineId().equals(lineId)) {
            return false;
        }
        if (!rule.words().isEmpty() && (text == null || rule.words().stream().noneMatch(w -> containsWord(text, w)))) {
            return false;
        }
        return rule.patientTagId() == null || tags.contactHasTag(contactId, rule.patientTagId());
    }

    /** Whether {@code word} (or phrase) occurs in {@code text} as whole words, in any case. */
    static boolean containsWord(String text, String word) {
        return Pattern.compile("(?<![\\p{L}\\p{N}])" + Pattern.quote(word) + "(?![\\p{L}\\p{N}])",
                Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE).matcher(text).find();
    }

    /**
     * Adds a rule at the end of the order ({@code id} 0) or changes one (admins only).
     *
     * @throws IllegalArgumentException naming the first thing wrong; nothing is stored then
     */
    @Transactional
    @PreAuthorize("hasRole('ADMIN')")
    public RoutingRule save(StaffMember actor, RoutingRule rule) {
        RoutingRule valid = validated(rule);
        Timestamp now = Timestamp.from(clock.instant());
        String words = valid.words().isEmpty() ? null : valid.wordsText();
        long id;
        if (valid.id() == 0) {
            int position = jdbc.sql("select coalesce(max(position), 0) + 1 from routing_rule").query(Integer.class)
                    .single();
            var key = new GeneratedKeyHolder();
            jdbc.sql("insert into routing_rule (position, name, words, patient_tag_id, line_id, to_list_id, add_tag_id,"
                            + " changed_at, changed_by) values (?, ?, ?, ?, ?, ?, ?, ?, ?)")
                    .params(position, valid.name(), words, valid.patientTagId(), valid.lineId(), valid.toListId(),
                            valid.addTagId(), now, actor.username())
                    .update(key, "id");
            id = key.getKeyAs(Long.class);
            audit.record(actor.username(), AuditAction.ROUTING_RULE_ADDED, "routing_rule", String.valueOf(id),
                    valid.name());
        } else {
            id = valid.id();
            int updated = jdbc.sql("update routing_rule set name = ?, words = ?, patient_tag_id = ?, line_id = ?, "
                            + "to_list_id = ?, add_tag_id = ?, changed_at = ?, changed_by = ? where id = ?")
                    .params(valid.name(), words, valid.patientTagId(), valid.lineId(), valid.toListId(),
                            valid.addTagId(), now, actor.username(), id).update();
            if (updated == 0) {
                throw new NoSuchElementException("There is no routing rule " + id + ".");
            }
            audit.record(actor.username(), AuditAction.ROUTING_RULE_CHANGED, "routing_rule", String.valueOf(id),
                    valid.name());
        }
        return new RoutingRule(id, valid.name(), valid.words(), valid.patientTagId(), valid.lineId(),
                valid.toListId(), valid.addTagId());
    }

    /** Deletes a rule (admins only); one deleted already changes nothing. */
    @Transactional
    @PreAuthorize("hasRole('ADMIN')")
    public void delete(StaffMember actor, long ruleId) {
        if (jdbc.sql("delete from routing_rule where id = ?").param(ruleId).update() > 0) {
            audit.record(actor.username(), AuditAction.ROUTING_RULE_DELETED, "routing_rule", String.valueOf(ruleId),
                    null);
        }
    }

    /**
     * Moves a rule one place earlier ({@code -1}) or later ({@code 1}) in the order (admins only); the first rule
     * moved up, or the last down, stays. The whole order is written again, so it stays a plain 1, 2, 3….
     */
    @Transactional
    @PreAuthorize("hasRole('ADMIN')")
    public List<RoutingRule> move(StaffMember actor, long ruleId, int by) {
        if (by != -1 && by != 1) {
            throw new IllegalArgumentException("A rule moves one place up or down.");
        }
        // Taking the rows in order under a lock: two admins reordering at once on two nodes take turns.
        List<Long> order = new ArrayList<>(jdbc.sql("select id from routing_rule order by position, id "
                + "for update").query(Long.class).list());
        int at = order.indexOf(ruleId);
        if (at < 0) {
            throw new NoSuchElementException("There is no routing rule " + ruleId + ".");
        }
        int to = at + by;
        if (to >= 0 && to < order.size()) {
            Collections.swap(order, at, to);
            for (int i = 0; i < order.size(); i++) {
                jdbc.sql("update routing_rule set position = ? where id = ?").params(i + 1, order.get(i)).update();
            }
            audit.record(actor.username(), AuditAction.ROUTING_RULE_MOVED, "routing_rule", String.valueOf(ruleId),
                    "to place " + (to + 1));
        }
        return all();
    }

    private RoutingRule validated(RoutingRule rule) {
        String name = rule.name() == null ? "" : rule.name().strip().replaceAll("\\s+", " ");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("Give the rule a name.");
        }
        if (name.length() > MAX_NAME) {
            throw new IllegalArgumentException("A rule's name has at most " + MAX_NAME + " characters.");
        }
        TypedText.requireLine(name, "rule's name");
        String words = String.join(", ", rule.words());
        if (words.length() > MAX_WORDS) {
            throw new IllegalArgumentException("A rule's words have at most " + MAX_WORDS + " characters.");
        }
        TypedText.requireLine(words, "rule's words");
        if (rule.words().isEmpty() && rule.patientTagId() == null && rule.lineId() == null) {
            throw new IllegalArgumentException("Give the rule a condition: words, a patient's tag or a line.");
        }
        if (rule.toListId() == null && rule.addTagId() == null) {
            throw new IllegalArgumentException("Give the rule an action: a list to put the conversation in, a tag, "
                    + "or both.");
        }
        if (rule.lineId() != null && lines.find(rule.lineId()).isEmpty()) {
            throw new IllegalArgumentException("There is no line " + rule.lineId() + ".");
        }
        if (rule.toListId() != null) {
            InboxListSummary list = lists.find(rule.toListId())
                    .orElseThrow(() -> new IllegalArgumentException("There is no list " + rule.toListId() + "."));
            if (list.blocked()) {
                throw new IllegalArgumentException("A rule cannot put conversations in BLOCKED: block the number.");
            }
        }
        for (Long tag : new Long[] {rule.patientTagId(), rule.addTagId()}) {
            if (tag != null && tags.find(tag).isEmpty()) {
                throw new IllegalArgumentException("There is no tag " + tag + ".");
            }
        }
        return new RoutingRule(rule.id(), name, rule.words().stream().map(w -> w.toLowerCase(Locale.ROOT)).toList(),
                rule.patientTagId(), rule.lineId(), rule.toListId(), rule.addTagId());
    }
}

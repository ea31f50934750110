package org.parley.tag;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.parley.audit.AuditAction;
import org.parley.audit.AuditLog;
import org.parley.base.TypedText;
import org.parley.security.StaffMember;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The practice's tags and the tags on conversations. Admins create, change and delete tags; staff add and remove them
 * on a conversation; routing rules tag automatically. Every change on a conversation is audited (ids only) and
 * announced ({@link ConversationTagsChanged}).
 */
@Service
public class TagService {

    static final int MAX_NAME = 40;

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    TagService(JdbcClient jdbc, AuditLog audit, ApplicationEventPublisher events, Clock clock) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    /** Every tag, by name. A practice has tens. */
    @Transactional(readOnly = true)
    public List<Tag> all() {
        return jdbc.sql("select id, name, colour from tag order by name_key").query((rs, n) -> new Tag(rs.getLong(1),
                rs.getString(2), TagColour.valueOf(rs.getString(3)))).list();
    }

    @Transactional(readOnly = true)
    public Optional<Tag> find(long tagId) {
        return jdbc.sql("select id, name, colour from tag where id = ?").param(tagId)
                .query((rs, n) -> new Tag(rs.getLong(1), rs.getString(2), TagColour.valueOf(rs.getString(3))))
                .optional();
    }

    /**
     * Creates a tag (admins only).
     *
     * @throws IllegalArgumentException when the name is blank, too long, holds hidden characters or is taken, or no
     *                                  colour was chosen; nothing is stored then
     */
    @Transactional
    @PreAuthorize("hasRole('ADMIN')")
    public Tag create(StaffMember actor, String name, TagColour colour) {
        String clean = validName(name, null);
        requireColour(colour);
        jdbc.sql("insert into tag (name, name_key, colour, created_at) values (?, ?, ?, ?)")
                .params(clean, key(clean), colour.name(), Timestamp.from(clock.instant())).update();
        long id = jdbc.sql("select id from tag where name_key = ?").param(key(clean)).query(Long.class).single();
        audit.record(actor.username(), AuditAction.TAG_CREATED, "tag", String.valueOf(id), clean);
        return new Tag(id, clean, colour);
    }

    /** Renames a tag or changes its colour (admins only); conversations keep it. */
    @Transactional
    @PreAuthorize("hasRole('ADMIN')")
    public Tag change(StaffMember actor, long tagId, String name, TagColour colour) {
        existing(tagId);
        String clean = validName(name, tagId);
        requireColour(colour);
        jdbc.sql("update tag set name = ?, name_key = ?, colour = ? where id = ?")
                .params(clean, key(clean), colour.name(), tagId).update();
        audit.record(actor.username(), AuditAction.TAG_CHANGED, "tag", String.valueOf(tagId),
                clean + ", " + colour.label());
        return new Tag(tagId, clean, colour);
    }

    /**
     * Deletes a tag (admins only): it leaves every conversation.
     *
     * @throws IllegalArgumentException while a routing rule uses it (change the rule first)
     */
    @Transactional
    @PreAuthorize("hasRole('ADMIN')")
    public void delete(StaffMember actor, long tagId) {
        Tag tag = existing(tagId);
        List<String> rules = jdbc.sql("select name from routing_rule where patient_tag_id = ? or add_tag_id = ? "
                + "order by position").params(tagId, tagId).query(String.class).list();
        if (!rules.isEmpty()) {
            throw new IllegalArgumentException("The tag " + tag.name() + " is used by the routing rule "
                    + rules.getFirst() + ": change or delete the rule first.");
        }
        long on = jdbc.sql("delete from conversation_tag where tag_id = ?").param(tagId).update();
        jdbc.sql("delete from tag where id = ?").param(tagId).update();
        audit.record(actor.username(), AuditAction.TAG_DELETED, "tag", String.valueOf(tagId),
                tag.name() + ", on " + on + " conversations");
    }

    /** The tags of these conversations (a page of the inbox), each by name; conversations without tags are absent. */
    @Transactional(readOnly = true)
    @PreAuthorize("@staffAccess.permitsPhi()")
    public Map<Long, List<Tag>> tagsOf(Collection<Long> conversationIds) {
        Map<Long, List<Tag>> result = new HashMap<>();
        if (conversationIds.isEmpty()) {
            return result;
        }
        jdbc.sql("select ct.conversation_id, t.id, t.name, t.colour from conversation_tag ct join tag t "
                        + "on t.id = ct.tag_id where ct.conversation_id in (:ids) order by t.name_key")
                .param("ids", conversationIds)
                .query(rs -> {
                    result.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
                            .add(new Tag(rs.getLong(2), rs.getString(3), TagColour.valueOf(rs.getString(4))));
                });
        return result;
    }

    /** A conversation's tags, by name. */
    @Transactional(readOnly = true)
    @PreAuthorize("@staffAccess.permitsPhi()")
    public List<Tag> tagsOf(long conversationId) {
        return tagsOf(List.of(conversationId)).getOrDefault(conversationId, List.of());
    }

    /**
     * Puts a tag on a conversation (staff); a tag it has already changes nothing.
     *
     * @return whether the conversation did not have it yet
     */
    @Transactional
    @PreAuthorize("@staffAccess.permitsPhi()")
    public boolean add(StaffMember staff, long conversationId, long tagId) {
        return add(staff.username(), conversationId, existing(tagId), "");
    }

    /** Takes a tag off a conversation (staff); a tag it does not have changes nothing. */
    @Transactional
    @PreAuthorize("@staffAccess.permitsPhi()")
    public boolean remove(StaffMember staff, long conversationId, long tagId) {
        Tag tag = existing(tagId);
        int removed = jdbc.sql("delete from conversation_tag where conversation_id = ? and tag_id = ?")
                .params(conversationId, tagId).update();
        if (removed > 0) {
            audit.record(staff.username(), AuditAction.TAG_REMOVED, "conversation", String.valueOf(conversationId),
                    "tag " + tag.id());
            events.publishEvent(new ConversationTagsChanged(conversationId));
        }
        return removed > 0;
    }

    /**
     * Tags a conversation for a routing rule, in the caller's transaction (a patient's text arriving: no session).
     * Audited as Parley's.
     */
    @Transactional
    public boolean addByRule(long conversationId, long tagId, String ruleName) {
        Optional<Tag> tag = find(tagId);
        return tag.isPresent() && add(AuditLog.SYSTEM, conversationId, tag.get(), " by routing rule " + ruleName);
    }

    /**
     * The contacts one of whose conversations carries the tag, by id after {@code afterId}, at most {@code limit}: a
     * broadcast's audience walked in pages.
     */
    @Transactional(readOnly = true)
    public List<Long> contactIdsTagged(long tagId, long afterId, int limit) {
        return jdbc.sql("select distinct c.contact_id from conversation_tag ct join conversation c on c.id = "
                        + "ct.conversation_id where ct.tag_id = ? and c.contact_id > ? order by c.contact_id "
                        + "fetch first " + limit + " rows only").params(tagId, afterId)
                .query(Long.class).list();
    }

    /** Whether any conversation of the contact carries the tag ("the patient has the tag" of a routing rule). */
    @Transactional(readOnly = true)
    public boolean contactHasTag(long contactId, long tagId) {
        return jdbc.sql("select count(*) from conversation_tag ct join conversation c on c.id = ct.conversation_id "
                        + "where ct.tag_id = ? and c.contact_id = ?").params(tagId, contactId)
                .query(Long.class).single() > 0;
    }

    private boolean add(String actor, long conversationId, Tag tag, String how) {
        if (jdbc.sql("select count(*) from conversation where id = ?").param(conversationId).query(Long.class)
                .single() == 0) {
            throw new NoSuchElementException("There is no conversation " + conversationId + ".");
        }
        boolean has = jdbc.sql("select count(*) from conversation_tag where conversation_id = ? and tag_id = ?")
                .params(conversationId, tag.id()).query(Long.class).single() > 0;
        if (has) {
            return false;
        }
        jdbc.sql("insert into conversation_tag (conversation_id, tag_id, tagged_at) values (?, ?, ?)")
                .params(conversationId, tag.id(), Timestamp.from(clock.instant())).update();
        // Ids only: which tags a patient's conversation carries is theirs.
        audit.record(actor, AuditAction.TAG_ADDED, "conversation", String.valueOf(conversationId), "tag " + tag.id() + how);
        events.publishEvent(new ConversationTagsChanged(conversationId));
        return true;
    }

    private Tag existing(long tagId) {
        return find(tagId).orElseThrow(() -> new NoSuchElementException("There is no tag " + tagId + "."));
    }

    private String validName(String name, Long self) {
        String clean = name == null ? "" : name.strip().replaceAll("\\s+", " ");
        if (clean.isEmpty()) {
            throw new IllegalArgumentException("Give the tag a name.");
        }
        if (clean.length() > MAX_NAME) {
            throw new IllegalArgumentException("A tag's name has at most " + MAX_NAME + " characters.");
        }
        TypedText.requireLine(clean, "tag's name");
        jdbc.sql("select id, name from tag where name_key = ?").param(key(clean))
                .query((rs, n) -> new Object[] {rs.getLong(1), rs.getString(2)}).optional()
                .filter(other -> !((Long) other[0]).equals(self)).ifPresent(other -> {
                    throw new IllegalArgumentException("There is already a tag called " + other[1] + ".");
                });
        return clean;
    }

    private static void requireColour(TagColour colour) {
        if (colour == null) {
            throw new IllegalArgumentException("Choose the tag's colour.");
        }
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}

package org.parley.broadcast;

import java.time.Clock;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.parley.audit.AuditAction;
import org.parley.audit.AuditLog;
import org.parley.base.LeasedQueue;
import org.parley.base.TypedText;
import org.parley.conversation.BulkMessages;
import org.parley.line.LineGateway;
import org.parley.line.LineService;
import org.parley.lists.ListService;
import org.parley.patient.ContactService;
import org.parley.patient.ContactSummary;
import org.parley.patient.phone.PhoneNumbers;
import org.parley.plugin.ProviderDescriptor;
import org.parley.security.Permission;
import org.parley.security.Permissions;
import org.parley.security.StaffMember;
import org.parley.tag.TagService;
import org.parley.template.TemplateService;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What an admin does with broadcasts: prepare one (its recipients stored with who is skipped and why), check it, send,
 * pause, resume, cancel, and follow its progress. Admins, and staff an admin granted
 * {@link org.parley.security.Permission#SEND_BROADCASTS} (read from the database at each step, so a revocation holds at
 * once). Recipients are written
 * {@code parley.broadcast.batch} per transaction, walking the audience page by page, so a large audience neither holds
 * locks for long nor sits in memory. Audited: the broadcast's steps, and its recipients as ids only. Where the
 * recipients come from is {@link BroadcastAudiences}.
 *
 * <p>Longer than 300 lines on purpose: every step of a broadcast's life checks the sender's grant and the state it
 * leaves, and is audited, in the same few lines; one class shows that no step is missing its checks.
 */
@Service
@PreAuthorize("@staffAccess.permitsPhi()")
public class Broadcasts {

    static final int MAX_NAME = 120;
    /** How many contact ids one audit entry lists (its detail holds 1000 characters). */
    private static final int IDS_PER_AUDIT_ENTRY = 80;

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final ContactService contacts;
    private final PhoneNumbers phones;
    private final RecipientRules rules;
    private final TemplateService templates;
    private final BroadcastTexts texts;
    private final LineService lines;
    private final LineGateway gateway;
    private final BulkMessages bulk;
    private final AuditLog audit;
    private final BroadcastSettings settings;
    private final BroadcastFeeder feeder;
    private final Clock clock;
    private final TagService tags;
    private final ListService lists;
    private final Permissions permissions;
    private final BroadcastAudiences audiences;

    Broadcasts(JdbcClient jdbc, TransactionTemplate tx, ContactService contacts, PhoneNumbers phones,
               RecipientRules rules, TemplateService templates, BroadcastTexts texts, LineService lines, LineGateway gateway,
               BulkMessages bulk, AuditLog audit, BroadcastSettings settings,
               BroadcastFeeder feeder, Clock clock, TagService tags,
               ListService lists, Permissions permissions, BroadcastAudiences audiences) {
        this.permissions = permissions;
        this.audiences = audiences;
        this.tags = tags;
        this.lists = lists;
        this.jdbc = jdbc;
        this.tx = tx;
        this.contacts = contacts;
        this.phones = phones;
        this.rules = rules;
        this.templates = templates;
        this.texts = texts;
        this.lines = lines;
        this.gateway = gateway;
        this.bulk = bulk;
        this.audit = audit;
        this.settings = settings;
        this.feeder = feeder;
        this.clock = clock;
    }

    /**
     * Prepares a broadcast as a draft: its recipients are found and checked, nothing is sent.
     *
     * @throws IllegalArgumentException naming what is wrong (name, line, text, dates, file, nobody found); nothing
     *                                  is stored then
     */
    public BroadcastPlan prepare(StaffMember admin, String name, String lineId, String body, AudienceChoice audience) {
        requireSender(admin);
        String title = name == null ? "" : name.strip();
        if (title.isEmpty() || title.length() > MAX_NAME) {
            throw new IllegalArgumentException("Name the broadcast (at most " + MAX_NAME + " characters), e.g. "
                    + "Flu shots October.");
        }
        TypedText.requireLine(title, "name");
        if (lineId == null || lines.find(lineId).isEmpty()) {
            throw new IllegalArgumentException("Choose the line the broadcast is sent from.");
        }
        String text = body == null ? "" : body.strip();
        if (text.isEmpty()) {
            throw new IllegalArgumentException("Write the message first.");
        }
        if (text.length() > TemplateService.MAX_BODY_LENGTH) {
            throw new IllegalArgumentException("The message has " + text.length() + " characters; at most "
                    + TemplateService.MAX_BODY_LENGTH + ".");
        }
        TypedText.requireText(text, "message");
        templates.placeholderProblem(text).ifPresent(problem -> {
            throw new IllegalArgumentException(problem);
        });
        ProviderDescriptor provider = gateway.descriptor(lineId).orElseThrow(() -> new IllegalArgumentException(
                "This line's provider plugin is not loaded: nothing can be sent from it."));
        if (text.length() > provider.maxTextLength()) {
            throw new IllegalArgumentException("The message has " + text.length() + " characters; "
                    + provider.name() + " accepts at most " + provider.maxTextLength() + ".");
        }
        BroadcastAudiences.Source source = audiences.source(audience);
        KeyHolder key = new GeneratedKeyHolder();
        tx.executeWithoutResult(status -> jdbc.sql("insert into broadcast (name, line_id, body, audience, state, "
                        + "created_by, created_at, version) values (?, ?, ?, ?, 'DRAFT', ?, ?, 0)")
                .params(title, lineId, text, source.description(), admin.id(), LeasedQueue.timestamp(clock.instant()))
                .update(key, "id"));
        long id = key.getKey().longValue();
        try {
            source.addTo(id, lineId);
        } catch (RuntimeException failed) {
            discard(id);
            throw failed;
        }
        long recipients = jdbc.sql("select count(*) from broadcast_recipient where broadcast_id = ?").param(id)
                .query(Long.class).single();
        if (recipients == 0) {
            discard(id);
            throw new IllegalArgumentException("No patient matches " + source.description() + ".");
        }
        audit.record(admin.username(), AuditAction.BROADCAST_PREPARED, "broadcast", String.valueOf(id),
                recipients + " recipients, line " + lineId);
        return plan(id, source.notFound());
    }

    /** A prepared broadcast, as {@link #prepare} returned it. */
    public BroadcastPlan plan(long broadcastId) {
        return plan(broadcastId, 0);
    }

    private BroadcastPlan plan(long id, int notFound) {
        Map<String, Object> row = broadcast(id);
        Map<SkipKind, Long> skipped = skippedCounts(id);
        long toSend = jdbc.sql("select count(*) from broadcast_recipient where broadcast_id = ? and state in "
                + "('PENDING', 'QUEUED')").param(id).query(Long.class).single();
        String body = (String) row.get("body");
        long author = ((Number) row.get("created_by")).longValue();
        List<Long> first = jdbc.sql("select contact_id from broadcast_recipient where broadcast_id = ? and state = "
                + "'PENDING' order by id limit 3").param(id).query(Long.class).list();
        Map<Long, ContactSummary> found = contacts.find(first);
        List<BroadcastPlan.Preview> previews = first.stream().map(contactId -> new BroadcastPlan.Preview(
                Optional.ofNullable(found.get(contactId)).map(ContactSummary::displayName).orElse("Unknown"),
                texts.fill(body, contactId, author))).toList();
        return new BroadcastPlan(id, toSend, skipped, notFound, previews);
    }

    /** The skipped recipients of a broadcast, a page at a time, with why. */
    public List<SkippedRecipient> skipped(long broadcastId, int offset, int limit) {
        record Row(long contactId, String kind, String reason) {
        }
        List<Row> rows = jdbc.sql("select contact_id, skip_kind, skip_reason from broadcast_recipient where "
                        + "broadcast_id = ? and state = 'SKIPPED' order by id offset ? rows fetch next ? rows only")
                .params(broadcastId, offset, limit)
                .query((rs, n) -> new Row(rs.getLong(1), rs.getString(2), rs.getString(3))).list();
        Map<Long, ContactSummary> names = contacts.find(rows.stream().map(Row::contactId).toList());
        return rows.stream().map(r -> new SkippedRecipient(r.contactId(),
                Optional.ofNullable(names.get(r.contactId())).map(ContactSummary::displayName).orElse("Unknown"),
                SkipKind.valueOf(r.kind()), r.reason())).toList();
    }

    /** How many recipients of a broadcast are skipped. */
    public long countSkipped(long broadcastId) {
        return jdbc.sql("select count(*) from broadcast_recipient where broadcast_id = ? and state = 'SKIPPED'")
                .param(broadcastId).query(Long.class).single();
    }

    /**
     * Starts sending a prepared broadcast; its recipients are audited by id.
     *
     * @throws IllegalStateException when it was started or cancelled already
     */
    public void start(StaffMember admin, long broadcastId) {
        requireSender(admin);
        tx.executeWithoutResult(status -> {
            if (jdbc.sql("update broadcast set state = 'SENDING', started_at = ?, version = version + 1 "
                            + "where id = ? and state = 'DRAFT'")
                    .params(LeasedQueue.timestamp(clock.instant()), broadcastId).update() != 1) {
                throw new IllegalStateException("The broadcast was started or cancelled already.");
            }
            audit.record(admin.username(), AuditAction.BROADCAST_STARTED, "broadcast", String.valueOf(broadcastId),
                    "line " + broadcast(broadcastId).get("line_id"));
            auditRecipients(admin, broadcastId);
            feeder.wakeAfterCommit();
        });
    }

    private void auditRecipients(StaffMember admin, long broadcastId) {
        long after = 0;
        List<long[]> page;
        do {
            page = jdbc.sql("select id, contact_id from broadcast_recipient where broadcast_id = ? and id > ? "
                            + "order by id fetch first ? rows only").params(broadcastId, after, IDS_PER_AUDIT_ENTRY)
                    .query((rs, n) -> new long[] {rs.getLong(1), rs.getLong(2)}).list();
            if (!page.isEmpty()) {
                after = page.getLast()[0];
                StringBuilder ids = new StringBuilder("contacts ");
                for (long[] r : page) {
                    ids.append(ids.length() > 9 ? "," : "").append(r[1]);
                }
                audit.record(admin.username(), AuditAction.BROADCAST_RECIPIENTS, "broadcast", String.valueOf(broadcastId),
                        ids.toString());
            }
        } while (page.size() == IDS_PER_AUDIT_ENTRY);
    }

    /**
     * Stops queuing more recipients until resumed (at most {@code parley.broadcast.window} already queued still go).
     *
     * @throws IllegalStateException when it is not being sent
     */
    public void pause(StaffMember admin, long broadcastId) {
        change(admin, broadcastId, BroadcastState.SENDING, BroadcastState.PAUSED, AuditAction.BROADCAST_PAUSED,
                "Only a broadcast being sent can be paused.");
    }

    /** Goes on queuing recipients. @throws IllegalStateException when it is not paused */
    public void resume(StaffMember admin, long broadcastId) {
        change(admin, broadcastId, BroadcastState.PAUSED, BroadcastState.SENDING, AuditAction.BROADCAST_RESUMED,
                "Only a paused broadcast can be resumed.");
        feeder.wake();
    }

    private void change(StaffMember admin, long id, BroadcastState from, BroadcastState to, AuditAction action,
                        String refusal) {
        requireSender(admin);
        tx.executeWithoutResult(status -> {
            if (jdbc.sql("update broadcast set state = ?, version = version + 1 where id = ? and state = ?")
                    .params(to.name(), id, from.name()).update() != 1) {
                throw new IllegalStateException(refusal);
            }
            audit.record(admin.username(), action, "broadcast", String.valueOf(id), null);
        });
    }

    /**
     * Cancels a broadcast for good: recipients not queued yet are not sent, and queued messages the queue has not
     * started on are taken back (they show in their threads as not sent).
     *
     * @throws IllegalStateException when it is finished or cancelled already
     */
    public void cancel(StaffMember admin, long broadcastId) {
        requireSender(admin);
        tx.executeWithoutResult(status -> {
            if (jdbc.sql("update broadcast set state = 'CANCELLED', finished_at = ?, version = version + 1 "
                            + "where id = ? and state in ('DRAFT', 'SENDING', 'PAUSED')")
                    .params(LeasedQueue.timestamp(clock.instant()), broadcastId).update() != 1) {
                throw new IllegalStateException("The broadcast is finished or cancelled already.");
            }
            int notQueued = jdbc.sql("update broadcast_recipient set state = 'CANCELLED' where broadcast_id = ? "
                    + "and state = 'PENDING'").param(broadcastId).update();
            List<long[]> queued = jdbc.sql("select r.id, r.message_id from broadcast_recipient r join outbound_task t "
                            + "on t.id = r.message_id where r.broadcast_id = ? and r.state = 'QUEUED'")
                    .param(broadcastId).query((rs, n) -> new long[] {rs.getLong(1), rs.getLong(2)}).list();
            int withdrawn = 0;
            for (long[] recipient : queued) {
                if (bulk.withdraw(recipient[1], "Not sent: the broadcast was cancelled.")) {
                    jdbc.sql("update broadcast_recipient set state = 'CANCELLED' where id = ?").param(recipient[0])
                            .update();
                    withdrawn++;
                }
            }
            audit.record(admin.username(), AuditAction.BROADCAST_CANCELLED, "broadcast", String.valueOf(broadcastId),
                    (notQueued + withdrawn) + " recipients not sent");
        });
    }

    /** Where a broadcast stands. */
    public BroadcastProgress progress(long broadcastId) {
        Map<String, Object> row = broadcast(broadcastId);
        long[] counts = new long[6]; // waiting, in queue, sent, delivered, failed, cancelled
        jdbc.sql("select r.state, m.status, count(*) from broadcast_recipient r left join message m "
                        + "on m.id = r.message_id where r.broadcast_id = ? and r.state <> 'SKIPPED' "
                        + "group by r.state, m.status").param(broadcastId)
                .query(rs -> {
                    String state = rs.getString(1);
                    String message = rs.getString(2);
                    long n = rs.getLong(3);
                    int slot = switch (state) {
                        case "PENDING" -> 0;
                        case "CANCELLED" -> 5;
                        default -> message == null ? 1 : switch (message) {
                            case "QUEUED", "SENDING" -> 1;
                            case "SENT" -> 2;
                            case "DELIVERED", "READ" -> 3;
                            default -> 4;
                        };
                    };
                    counts[slot] += n;
                });
        Map<String, Long> failures = new LinkedHashMap<>();
        jdbc.sql("select m.status_reason, count(*) from broadcast_recipient r join message m on m.id = r.message_id "
                        + "where r.broadcast_id = ? and m.status in ('FAILED', 'UNDELIVERED', 'UNCONFIRMED') "
                        + "group by m.status_reason order by count(*) desc").param(broadcastId)
                .query(rs -> {
                    failures.put(rs.getString(1) == null ? "no reason given" : rs.getString(1), rs.getLong(2));
                });
        Map<SkipKind, Long> skipped = skippedCounts(broadcastId);
        long total = counts[0] + counts[1] + counts[2] + counts[3] + counts[4] + counts[5]
                + skipped.values().stream().mapToLong(Long::longValue).sum();
        return new BroadcastProgress(broadcastId, (String) row.get("name"),
                BroadcastState.valueOf((String) row.get("state")), total, counts[0], counts[1], counts[2], counts[3],
                counts[4], skipped, counts[5], failures);
    }

    /** Broadcasts, newest first, a page at a time. */
    public List<BroadcastSummary> list(int offset, int limit) {
        return jdbc.sql("select id, name, line_id, audience, state, created_at from broadcast order by id desc "
                        + "offset ? rows fetch next ? rows only").params(offset, limit)
                .query((rs, n) -> new BroadcastSummary(rs.getLong(1), rs.getString(2), rs.getString(3),
                        rs.getString(4), BroadcastState.valueOf(rs.getString(5)),
                        rs.getTimestamp(6).toInstant())).list();
    }

    /** How many broadcasts there are. */
    public long count() {
        return jdbc.sql("select count(*) from broadcast").query(Long.class).single();
    }

    /**
     * Saves a search by date of birth under a name.
     *
     * @throws IllegalArgumentException when the name is blank, too long or taken, or the range is backwards
     */
    public SavedAudience saveAudience(StaffMember admin, String name, LocalDate from, LocalDate to) {
        return saveAudience(admin, name, new AudienceChoice.BornBetween(from, to));
    }

    /**
     * Saves a search (by date of birth, list or last visit) under a name.
     *
     * @throws IllegalArgumentException when the name is blank, too long or taken, the search is another kind (a file,
     *                                  a tag, a saved audience) or its range is backwards; nothing is stored then
     */
    public SavedAudience saveAudience(StaffMember admin, String name, AudienceChoice search) {
        requireSender(admin);
        String title = name == null ? "" : name.strip();
        if (title.isEmpty() || title.length() > MAX_NAME) {
            throw new IllegalArgumentException("Name the audience (at most " + MAX_NAME + " characters).");
        }
        TypedText.requireLine(title, "name");
        String description = audiences.source(search).description(); // checks the range and that the list exists
        record Columns(String kind, LocalDate bornFrom, LocalDate bornTo, Long listId, LocalDate visitFrom,
                       LocalDate visitTo) {
        }
        Columns columns = switch (search) {
            case AudienceChoice.BornBetween born -> new Columns("BORN", born.from(), born.to(), null, null, null);
            case AudienceChoice.InList list -> new Columns("LIST", null, null, list.listId(), null, null);
            case AudienceChoice.LastVisitBetween visit -> new Columns("LAST_VISIT", null, null, null, visit.from(),
                    visit.to());
            default -> throw new IllegalArgumentException("Only a search is saved: by date of birth, by list or by "
                    + "last visit.");
        };
        return tx.execute(status -> {
            if (jdbc.sql("select count(*) from broadcast_audience where name = ?").param(title).query(Long.class)
                    .single() > 0) {
                throw new IllegalArgumentException("An audience is named " + title + " already: choose another name.");
            }
            jdbc.sql("insert into broadcast_audience (name, kind, born_from, born_to, list_id, visit_from, visit_to, "
                            + "created_at) values (?, ?, ?, ?, ?, ?, ?, ?)")
                    .params(title, columns.kind(), columns.bornFrom(), columns.bornTo(), columns.listId(),
                            columns.visitFrom(), columns.visitTo(), LeasedQueue.timestamp(clock.instant())).update();
            long id = jdbc.sql("select id from broadcast_audience where name = ?").param(title).query(Long.class)
                    .single();
            audit.record(admin.username(), AuditAction.BROADCAST_AUDIENCE_SAVED, "broadcast_audience", String.valueOf(id),
                    columns.kind());
            return new SavedAudience(id, title, search, description);
        });
    }

    /** The saved audiences, by name. */
    public List<SavedAudience> audiences() {
        return audiences.saved();
    }

    /** The largest CSV taken, for the upload's limit. */
    public long maxUploadBytes() {
        return settings.maxUpload().toBytes();
    }

    /** Admins, and staff an admin granted it (to them or their role), as the database says now. */
    private void requireSender(StaffMember sender) {
        if (sender == null || !permissions.has(sender.id(), Permission.SEND_BROADCASTS)) {
            throw new AccessDeniedException("Only admins, and staff an admin lets send broadcasts, send them.");
        }
    }

    private Map<String, Object> broadcast(long id) {
        return jdbc.sql("select * from broadcast where id = ?").param(id).query().listOfRows().stream().findFirst()
                .map(Broadcasts::lowerKeys)
                .orElseThrow(() -> new NoSuchElementException("There is no such broadcast."));
    }

    private static Map<String, Object> lowerKeys(Map<String, Object> row) {
        Map<String, Object> lower = new LinkedHashMap<>();
        row.forEach((key, value) -> lower.put(key.toLowerCase(Locale.ROOT), value));
        return lower;
    }

    private Map<SkipKind, Long> skippedCounts(long id) {
        Map<SkipKind, Long> skipped = new EnumMap<>(SkipKind.class);
        jdbc.sql("select skip_kind, count(*) from broadcast_recipient where broadcast_id = ? and state = 'SKIPPED' "
                        + "group by skip_kind").param(id)
                .query(rs -> {
                    skipped.put(SkipKind.valueOf(rs.getString(1)), rs.getLong(2));
                });
        return skipped;
    }

    private void discard(long id) {
        tx.executeWithoutResult(status -> {
            jdbc.sql("delete from broadcast_recipient where broadcast_id = ?").param(id).update();
            jdbc.sql("delete from broadcast where id = ?").param(id).update();
        });
    }
}

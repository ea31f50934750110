package org.parley.assignment;

import jakarta.persistence.OptimisticLockException;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.parley.audit.AuditAction;
import org.parley.audit.AuditLog;
import org.parley.conversation.Conversation;
import org.parley.conversation.ConversationChanged;
import org.parley.conversation.ConversationRepository;
import org.parley.conversation.ConversationRouting;
import org.parley.conversation.Message;
import org.parley.conversation.MessageRepository;
import org.parley.conversation.MessageWordIndex;
import org.parley.lists.InboxListSummary;
import org.parley.lists.ListService;
import org.parley.patient.ContactService;
import org.parley.security.StaffDirectory;
import org.parley.security.StaffMember;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Who holds a conversation: taking it from a list, handing it to colleagues or a list, escalating it to the patient
 * ombudsman, closing and reopening it, and (admins) moving it to BLOCKED and back. Every change writes a line into the
 * thread and the audit log.
 *
 * <p>Each change names the assignment the staff member saw ({@code seenVersion}); when someone changed it since, the
 * change is refused with who holds it now, so two people taking the same conversation at once never both believe they
 * have it. Two changes racing in the database are caught by optimistic locking and the loser is told the same way.
 */
@Service
// Patients' data only for a session with the STAFF or ADMIN role (see StaffAccess).
@PreAuthorize("@staffAccess.permitsPhi()")
public class AssignmentService {

    /** Pass as {@code seenVersion} to change the assignment whatever it is now. */
    public static final int ANY = -1;

    private final ConversationRepository conversations;
    private final MessageRepository messages;
    private final ListService lists;
    private final StaffDirectory staff;
    private final ContactService contacts;
    private final ConversationRouting routing;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final TransactionTemplate tx;
    private final MessageWordIndex words;

    AssignmentService(ConversationRepository conversations, MessageRepository messages, ListService lists,
                      StaffDirectory staff, ContactService contacts, ConversationRouting routing, AuditLog audit,
                      ApplicationEventPublisher events, Clock clock, PlatformTransactionManager transactions,
                      MessageWordIndex words) {
        this.conversations = conversations;
        this.messages = messages;
        this.lists = lists;
        this.staff = staff;
        this.contacts = contacts;
        this.routing = routing;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
        this.tx = new TransactionTemplate(transactions);
        this.words = words;
    }

    /**
     * Takes the conversation: it leaves its list's queue and lands in the taker's inbox. Never from a colleague
     * without asking: see {@link #assignToMe(StaffMember, long, int, boolean)}.
     */
    public void assignToMe(StaffMember me, long conversationId, int seenVersion) {
        assignToMe(me, conversationId, seenVersion, false);
    }

    /**
     * Takes the conversation. When a colleague holds it (as of {@code seenVersion}, the assignment the person's
     * screen showed) it is taken only with {@code takeOver}, which the person confirmed; otherwise nothing changes
     * and {@link TakeoverNeededException} says who holds it. A colleague's change after {@code seenVersion} is never
     * overwritten ({@link AssignmentConflictException}).
     */
    public void assignToMe(StaffMember me, long conversationId, int seenVersion, boolean takeOver) {
        change(me, conversationId, seenVersion, AuditAction.CONVERSATION_ASSIGNED, takeOver ? null : Set.of(me.id()), takeOver,
                c -> {
            c.assignToStaff(Set.of(me.id()));
            return "Taken by " + me.displayName();
        });
    }

    /** Hands the conversation to one or several staff members, never from a colleague without asking. */
    public void assignToStaff(StaffMember me, long conversationId, Set<Long> staffIds, int seenVersion) {
        assignToStaff(me, conversationId, staffIds, seenVersion, false);
    }

    /**
     * Hands the conversation to one or several staff members. When someone other than the person and the new
     * assignees holds it, only with {@code takeOver} (confirmed), as {@link #assignToMe(StaffMember, long, int,
     * boolean)}.
     */
    public void assignToStaff(StaffMember me, long conversationId, Set<Long> staffIds, int seenVersion,
                              boolean takeOver) {
        if (staffIds == null || staffIds.isEmpty()) {
            throw new IllegalArgumentException("Choose at least one staff member.");
        }
        List<StaffMember> to = staffIds.stream().map(id -> staff.findActive(id)
                .orElseThrow(() -> new IllegalArgumentException("Only active staff members can be assigned.")))
                .toList();
        Set<Long> mayHold = new HashSet<>(staffIds);
        mayHold.add(me.id());
        change(me, conversationId, seenVersion, AuditAction.CONVERSATION_ASSIGNED, takeOver ? null : Set.copyOf(mayHold),
                takeOver, c -> {
            c.assignToStaff(staffIds);
            return "Assigned to " + names(to) + " by " + me.displayName();
        });
    }

    /** Puts the conversation into a list's queue, never from a colleague without asking. */
    public void assignToList(StaffMember me, long conversationId, long listId, int seenVersion) {
        assignToList(me, conversationId, listId, seenVersion, false);
    }

    /**
     * Puts the conversation into a list's queue. When a colleague holds it (as of {@code seenVersion}) only with
     * {@code takeOver}, which the person confirmed, as {@link #assignToMe(StaffMember, long, int, boolean)}: the list
     * takes it from them just as a taker would.
     */
    public void assignToList(StaffMember me, long conversationId, long listId, int seenVersion, boolean takeOver) {
        InboxListSummary list = lists.find(listId)
                .orElseThrow(() -> new NoSuchElementException("There is no list " + listId + "."));
        if (list.blocked()) {
            throw new AccessDeniedException("Use \"Move to BLOCKED\": only admins can.");
        }
        change(me, conversationId, seenVersion, AuditAction.CONVERSATION_ASSIGNED, takeOver ? null : Set.of(me.id()),
                takeOver, c -> {
            c.assignToList(listId);
            return "Assigned to " + list.name() + " by " + me.displayName();
        });
    }

    /** Escalates to the patient ombudsman, never from a colleague without asking. */
    public void escalate(StaffMember me, long conversationId, String reason, int seenVersion) {
        escalate(me, conversationId, reason, seenVersion, false);
    }

    /**
     * Escalates to the practice's patient ombudsman: assigns the conversation to them with an internal note saying
     * why. When a colleague other than the ombudsman holds it (as of {@code seenVersion}), only with {@code takeOver},
     * which the person confirmed, as {@link #assignToMe(StaffMember, long, int, boolean)}.
     *
     * @throws IllegalArgumentException when the reason is missing
     * @throws IllegalStateException    when the practice has not named an ombudsman
     */
    public void escalate(StaffMember me, long conversationId, String reason, int seenVersion, boolean takeOver) {
        String why = reason == null ? "" : reason.strip();
        if (why.isEmpty()) {
            throw new IllegalArgumentException("Say why the conversation goes to the ombudsman.");
        }
        StaffMember ombudsman = lists.ombudsman().flatMap(staff::findActive).orElseThrow(() ->
                new IllegalStateException("No patient ombudsman is set: an admin names one on the Lists page."));
        change(me, conversationId, seenVersion, AuditAction.CONVERSATION_ESCALATED,
                takeOver ? null : Set.copyOf(List.of(me.id(), ombudsman.id())), takeOver, c -> {
            c.assignToStaff(Set.of(ombudsman.id()));
            words.index(messages.save(Message.note(c.getId(), c.getLineId(), me.id(),
                    "Escalated to the patient ombudsman: " + why, clock.instant())));
            return "Escalated to the patient ombudsman (" + ombudsman.displayName() + ") by " + me.displayName();
        });
    }

    /** Closes the conversation: it leaves every open view until the patient writes again. */
    public void close(StaffMember me, long conversationId) {
        change(me, conversationId, ANY, AuditAction.CONVERSATION_CLOSED, c -> {
            c.close();
            events.publishEvent(new ConversationClosed(c.getId()));
            return "Closed by " + me.displayName();
        });
    }

    /** Opens a closed conversation again. */
    public void reopen(StaffMember me, long conversationId) {
        change(me, conversationId, ANY, AuditAction.CONVERSATION_REOPENED, c -> {
            c.reopen();
            return "Reopened by " + me.displayName();
        });
    }

    /**
     * Moves the conversation to BLOCKED (admins only): its number's new messages go straight there, notifying no one.
     */
    @PreAuthorize("hasRole('ADMIN')")
    public void block(StaffMember admin, long conversationId) {
        long blocked = lists.blockedListId();
        change(admin, conversationId, ANY, AuditAction.CONVERSATION_BLOCKED, c -> {
            routing.block(contacts.textNumber(c.getContactId()).orElse(null), admin.username(), clock.instant());
            c.assignToList(blocked);
            return "Moved to BLOCKED by " + admin.displayName();
        });
    }

    /** Takes the conversation out of BLOCKED into its line's list (admins only); the number is no longer blocked. */
    @PreAuthorize("hasRole('ADMIN')")
    public void unblock(StaffMember admin, long conversationId) {
        change(admin, conversationId, ANY, AuditAction.CONVERSATION_UNBLOCKED, c -> {
            routing.unblock(contacts.textNumber(c.getContactId()).orElse(null));
            Long list = lists.defaultListOf(c.getLineId()).orElse(null);
            if (list != null) {
                c.assignToList(list);
            } else {
                c.assignToStaff(Set.of(admin.id()));
            }
            return "Unblocked by " + admin.displayName();
        });
    }

    private void change(StaffMember me, long conversationId, int seenVersion, AuditAction action,
                        Function<Conversation, String> change) {
        change(me, conversationId, seenVersion, action, null, false, change);
    }

    /**
     * @param mayHold when not {@code null}, the staff who may hold the conversation without a question: held by
     *                anyone else (as of {@code seenVersion}), nothing changes and {@link TakeoverNeededException} asks.
     *                {@code null}: no question. {@link #ANY} never asks (scripts and tests that mean "whatever it is
     *                now").
     * @param takeOver the person confirmed taking it from the colleagues who hold it: audited as a takeover
     */
    private void change(StaffMember me, long conversationId, int seenVersion, AuditAction action, Set<Long> mayHold,
                        boolean takeOver, Function<Conversation, String> change) {
        long blocked = lists.blockedListId();
        for (int attempt = 1; ; attempt++) {
            try {
                tx.executeWithoutResult(status -> {
                    // Read under the row's lock: a colleague's change committing meanwhile is either wholly before
                    // (its version and assignees both seen) or after this one, never half seen (the version before
                    // it, the assignees after it: "take it over?" where "has taken it" is the truth).
                    Conversation c = conversations.lockById(conversationId).orElseThrow(() ->
                            new NoSuchElementException("There is no conversation " + conversationId + "."));
                    if (seenVersion != ANY && c.getAssignmentVersion() != seenVersion) {
                        throw new AssignmentConflictException(whoHolds(c) + " Nothing was changed.");
                    }
                    Set<Long> colleagues = c.getAssignedListId() != null ? Set.of()
                            : c.getAssignees().stream().filter(id -> id != me.id()).collect(Collectors.toSet());
                    if (mayHold != null && seenVersion != ANY && !mayHold.containsAll(c.getAssignees())
                            && c.getAssignedListId() == null && !c.getAssignees().isEmpty()) {
                        List<StaffMember> holders = c.getAssignees().stream().filter(id -> !mayHold.contains(id))
                                .map(staff::find).flatMap(Optional::stream).toList();
                        throw new TakeoverNeededException(names(holders), holders.size() > 1,
                                c.getAssignmentVersion());
                    }
                    Long listBefore = c.getAssignedListId();
                    if (listBefore != null && listBefore == blocked && !staff.isAdminNow(me.id())) {
                        throw new AccessDeniedException("Only admins can take a conversation out of BLOCKED.");
                    }
                    String line = change.apply(c);
                    Set<Long> takenFrom = colleagues.stream().filter(id -> !c.getAssignees().contains(id))
                            .collect(Collectors.toSet());
                    if (takeOver && !takenFrom.isEmpty()) {
                        // Confirmed by the person after "X has this conversation. Take it over?": ids only.
                        audit.record(me.username(), AuditAction.CONVERSATION_TAKEN_OVER, "conversation",
                                String.valueOf(conversationId), "from staff " + takenFrom.stream().sorted()
                                        .map(String::valueOf).collect(Collectors.joining(",")));
                    }
                    Message system = messages.save(Message.system(c.getId(), c.getLineId(), line + ".",
                            clock.instant()));
                    words.index(system);
                    audit.record(me.username(), action, "conversation", String.valueOf(conversationId),
                            c.getAssignedListId() != null ? "list " + c.getAssignedListId()
                                    : "staff " + c.getAssignees().stream().sorted().map(String::valueOf)
                                    .collect(Collectors.joining(",")));
                    events.publishEvent(new ConversationAssigned(c.getId(), c.getAssignedListId(),
                            Set.copyOf(c.getAssignees()), me.id()));
                    events.publishEvent(new ConversationChanged(c.getId(), system.getId(), false));
                });
                return;
            } catch (ObjectOptimisticLockingFailureException | OptimisticLockException raced) {
                // (The audit chain flushes before commit: a lost race may surface as JPA's own exception.)
                if (seenVersion != ANY || attempt >= 3) {
                    String who = tx.execute(status -> whoHolds(conversations.findById(conversationId).orElseThrow()));
                    throw new AssignmentConflictException(who + " Nothing was changed.");
                }
            }
        }
    }

    /** "Dana Front has this conversation now." — names only, never the patient. */
    private String whoHolds(Conversation c) {
        if (c.getAssignedListId() != null) {
            String list = lists.find(c.getAssignedListId()).map(InboxListSummary::name).orElse("a list");
            return "Someone else changed this conversation meanwhile: it waits in " + list + " now.";
        }
        List<StaffMember> holders = c.getAssignees().stream().map(staff::find).flatMap(Optional::stream)
                .toList();
        return holders.isEmpty() ? "Someone else changed this conversation meanwhile."
                : names(holders) + (holders.size() == 1 ? " has" : " have") + " taken this conversation.";
    }

    private static String names(List<StaffMember> members) {
        return members.stream().map(StaffMember::displayName).sorted().collect(Collectors.joining(", "));
    }

}

package org.parley.notify;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.parley.conversation.event.PatientMessageArrived;
import org.parley.lists.InboxListSummary;
import org.parley.lists.ListService;
import org.parley.mention.StaffMentioned;
import org.parley.security.StaffDirectory;
import org.springframework.stereotype.Component;

/**
 * Decides who hears of what. A patient's message goes to the conversation's assignees (by their "My inbox" choice),
 * or, when nobody holds it, to the subscribers of its list (by their choice for that list); nobody hears of a blocked
 * number or of the BLOCKED list. A mention goes to the mentioned staff member by e-mail if they chose it, never to
 * the note's author. Deactivated accounts hear nothing.
 */
@Component
class NotificationRouting {

    private final ListService lists;
    private final StaffDirectory staff;
    private final NotificationPreferences preferences;

    NotificationRouting(ListService lists, StaffDirectory staff, NotificationPreferences preferences) {
        this.lists = lists;
        this.staff = staff;
        this.preferences = preferences;
    }

    List<Notice> forArrival(PatientMessageArrived arrived) {
        if (arrived.blocked() || arrived.listId() != null && arrived.listId() == lists.blockedListId()) {
            return List.of();
        }
        List<Notice> notices = new ArrayList<>();
        if (!arrived.assigneeIds().isEmpty()) {
            for (long id : arrived.assigneeIds().stream().sorted().toList()) {
                keep(Notice.myInbox(id, arrived.conversationId(), preferences.forMyInbox(id)))
                        .ifPresent(notices::add);
            }
            return notices;
        }
        Optional<InboxListSummary> list = Optional.ofNullable(arrived.listId()).flatMap(lists::find)
                .filter(l -> !l.blocked());
        if (list.isPresent()) {
            Map<Long, Channels> chosen = preferences.forList(list.get(), list.get().memberIds());
            for (long id : chosen.keySet().stream().sorted().toList()) {
                keep(Notice.inList(id, arrived.conversationId(), list.get().id(), list.get().name(), chosen.get(id)))
                        .ifPresent(notices::add);
            }
        }
        return notices;
    }

    /**
     * A patient waiting past a list's goal: the person the admin chose (by their "My inbox" choice), else the list's
     * subscribers (by their choice for the list).
     */
    List<Notice> forEscalation(long conversationId, Long listId, Long chosenStaffId) {
        Optional<InboxListSummary> list = Optional.ofNullable(listId).flatMap(lists::find).filter(l -> !l.blocked());
        if (list.isEmpty()) {
            return List.of();
        }
        List<Notice> notices = new ArrayList<>();
        if (chosenStaffId != null) {
            keep(Notice.escalated(chosenStaffId, conversationId, list.get().id(), list.get().name(),
                    preferences.forMyInbox(chosenStaffId))).ifPresent(notices::add);
            return notices;
        }
        Map<Long, Channels> chosen = preferences.forList(list.get(), list.get().memberIds());
        for (long id : chosen.keySet().stream().sorted().toList()) {
            keep(Notice.escalated(id, conversationId, list.get().id(), list.get().name(), chosen.get(id)))
                    .ifPresent(notices::add);
        }
        return notices;
    }

    List<Notice> forMention(StaffMentioned mentioned) {
        if (mentioned.staffId() == mentioned.byStaffId() || !preferences.mentionEmail(mentioned.staffId())) {
            return List.of();
        }
        return keep(Notice.mention(mentioned.staffId(), mentioned.conversationId())).stream().toList();
    }

    /**
     * The e-mail notice routed earlier and queued by its ids, with its words as of now (a list renamed meanwhile
     * shows its new name); empty when its list no longer exists.
     */
    Optional<Notice> queuedEmail(long staffId, long conversationId, Notice.Kind kind, Long listId) {
        Channels email = new Channels(true, false);
        return switch (kind) {
            case MENTION -> Optional.of(Notice.mention(staffId, conversationId));
            case ESCALATION -> Optional.ofNullable(listId).flatMap(lists::find).map(list -> Notice.escalated(staffId,
                    conversationId, list.id(), list.name(), email));
            case MESSAGE -> listId == null ? Optional.of(Notice.myInbox(staffId, conversationId, email))
                    : lists.find(listId).map(list -> Notice.inList(staffId, conversationId, list.id(), list.name(),
                    email));
        };
    }

    private Optional<Notice> keep(Notice notice) {
        if (!notice.channels().any() || staff.findActive(notice.staffId()).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(notice);
    }
}

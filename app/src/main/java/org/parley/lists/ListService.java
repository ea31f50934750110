package org.parley.lists;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.parley.audit.AuditAction;
import org.parley.audit.AuditLog;
import org.parley.line.LineService;
import org.parley.security.StaffDirectory;
import org.parley.security.StaffMember;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The practice's lists. Everyone reads them; admins create and rename them, choose their subscribers, the list each
 * line's new conversations land in, and the patient ombudsman. The BLOCKED list exists from the start and cannot be
 * renamed or subscribed to: nobody is notified of what lands there.
 */
@Service
public class ListService {

    /** The practice role of the staff member escalated conversations go to. */
    static final String OMBUDSMAN = "OMBUDSMAN";

    private final InboxListRepository lists;
    private final JdbcClient jdbc;
    private final LineService lines;
    private final StaffDirectory staff;
    private final AuditLog audit;
    private final Clock clock;
    private final AtomicReference<Long> blockedId = new AtomicReference<>();

    ListService(InboxListRepository lists, JdbcClient jdbc, LineService lines, StaffDirectory staff, AuditLog audit,
                Clock clock) {
        this.lists = lists;
        this.jdbc = jdbc;
        this.lines = lines;
        this.staff = staff;
        this.audit = audit;
        this.clock = clock;
    }

    /** Every list, BLOCKED included, by name. A practice has a handful. */
    @Transactional(readOnly = true)
    public List<InboxListSummary> all() {
        return lists.findByOrderByNameAsc().stream().map(InboxList::summary).toList();
    }

    /** The ordinary lists (not BLOCKED), by name. */
    @Transactional(readOnly = true)
    public List<InboxListSummary> teamLists() {
        return all().stream().filter(l -> !l.blocked()).toList();
    }

    /** The lists a staff member subscribes to, by name. */
    @Transactional(readOnly = true)
    public List<InboxListSummary> listsOf(long staffId) {
        return teamLists().stream().filter(l -> l.hasMember(staffId)).toList();
    }

    @Transactional(readOnly = true)
    public Optional<InboxListSummary> find(long listId) {
        return lists.findById(listId).map(InboxList::summary);
    }

    /** The id of the BLOCKED list. */
    @Transactional(readOnly = true)
    public long blockedListId() {
        Long id = blockedId.get();
        if (id == null) {
            id = lists.findFirstByKind(InboxList.Kind.BLOCKED).orElseThrow().getId();
            blockedId.set(id);
        }
        return id;
    }

    /**
     * Creates a list (admins only).
     *
     * @throws IllegalArgumentException when the name is empty or taken
     */
    @Transactional
    @PreAuthorize("hasRole('ADMIN')")
    public InboxListSummary create(StaffMember actor, String name) {
        String shown = validName(name, null);
        InboxList list = lists.save(new InboxList(shown, clock.instant()));
        audit.record(actor.username(), AuditAction.LIST_CREATED, "list", String.valueOf(list.getId()), shown);
        return list.summary();
    }

    /** Renames a list (admins only). */
    @Transactional
    @PreAuthorize("hasRole('ADMIN')")
    public InboxListSummary rename(StaffMember actor, long listId, String name) {
        InboxList list = team(listId);
        list.rename(validName(name, listId));
        audit.record(actor.username(), AuditAction.LIST_RENAMED, "list", String.valueOf(listId), list.getName());
        return list.summary();
    }

    /** Sets a list's subscribers (admins only). Deactivated accounts cannot be added. */
    @Transactional
    @PreAuthorize("hasRole('ADMIN')")
    public InboxListSummary setMembers(StaffMember actor, long listId, Set<Long> staffIds) {
        InboxList list = team(listId);
        for (long id : staffIds) {
            if (staff.findActive(id).isEmpty()) {
                throw new IllegalArgumentException("There is no active staff member " + id + ".");
            }
        }
        list.members(staffIds);
        audit.record(actor.username(), AuditAction.LIST_MEMBERS_CHANGED, "list", String.valueOf(listId),
                staffIds.size() + " members");
        return list.summary();
    }

    /**
     * The patients (not merged, not organisations or unknown numbers) with a conversation in the list, open or closed,
     * by id after {@code afterId}: one page of a broadcast's audience, walked in id order.
     */
    @Transactional(readOnly = true)
    public List<Long> patientIdsWithConversationIn(long listId, long afterId, int limit) {
        return jdbc.sql("select distinct c.contact_id from conversation c join contact p on p.id = c.contact_id "
                        + "where c.assigned_list_id = ? and p.kind = 'PATIENT' and p.merged_into is null "
                        + "and c.contact_id > ? order by c.contact_id fetch first " + limit + " rows only")
                .params(listId, afterId).query(Long.class).list();
    }

    /** The list a line's new patient conversations land in, if the admin chose one. */
    @Transactional(readOnly = true)
    public Optional<Long> defaultListOf(String lineId) {
        return jdbc.sql("select list_id from line_default_list where line_id = ?").param(lineId)
                .query(Long.class).optional();
    }

    /** Chooses the list a line's new conversations land in, or none (admins only). */
    @Transactional
    @PreAuthorize("hasRole('ADMIN')")
    public void setDefaultList(StaffMember actor, String lineId, Long listId) {
        lines.find(lineId).orElseThrow(() -> new NoSuchElementException("There is no line " + lineId + "."));
        jdbc.sql("delete from line_default_list where line_id = ?").param(lineId).update();
        if (listId != null) {
            team(listId);
            jdbc.sql("insert into line_default_list (line_id, list_id) values (?, ?)").params(lineId, listId).update();
        }
        audit.record(actor.username(), AuditAction.LINE_DEFAULT_LIST_SET, "line", lineId,
                listId == null ? "none" : "list " + listId);
    }

    /** The staff member escalated conversations go to, if the admin named one. */
    @Transactional(readOnly = true)
    public Optional<Long> ombudsman() {
        return jdbc.sql("select staff_user_id from practice_role where role_name = ?").param(OMBUDSMAN)
                .query(Long.class).optional();
    }

    /** Names the practice's patient ombudsman, or nobody (admins only). */
    @Transactional
    @PreAuthorize("hasRole('ADMIN')")
    public void setOmbudsman(StaffMember actor, Long staffId) {
        jdbc.sql("delete from practice_role where role_name = ?").param(OMBUDSMAN).update();
        if (staffId != null) {
            staff.findActive(staffId).orElseThrow(() -> new IllegalArgumentException("Choose an active staff member."));
            jdbc.sql("insert into practice_role (role_name, staff_user_id) values (?, ?)").params(OMBUDSMAN, staffId)
                    .update();
        }
        audit.record(actor.username(), AuditAction.OMBUDSMAN_SET, "staff",
                staffId == null ? null : String.valueOf(staffId), null);
    }

    /** Every list's response goal that is set, by list id: read once per escalation check. */
    @Transactional(readOnly = true)
    public Map<Long, ResponseGoal> responseGoals() {
        Map<Long, ResponseGoal> goals = new HashMap<>();
        jdbc.sql("select id, response_goal_minutes, escalate_to_staff_id, escalation_list_id from inbox_list "
                        + "where response_goal_minutes is not null")
                .query(rs -> {
                    goals.put(rs.getLong(1), new ResponseGoal(rs.getLong(1), Duration.ofMinutes(rs.getInt(2)),
                            rs.getObject(3, Long.class), rs.getObject(4, Long.class)));
                });
        return goals;
    }

    /** A list's response goal, or {@link ResponseGoal#none} when it has none. */
    @Transactional(readOnly = true)
    public ResponseGoal responseGoal(long listId) {
        return Optional.ofNullable(responseGoals().get(listId)).orElse(ResponseGoal.none(listId));
    }

    /**
     * Sets a list's response goal, who hears of a conversation past it and where it then moves (admins only).
     *
     * @throws IllegalArgumentException when the goal is not 1 minute to 7 days in whole minutes, the person is not an
     *                                  active staff member, or the escalation list is this list or BLOCKED; nothing
     *                                  is stored then
     */
    @Transactional
    @PreAuthorize("hasRole('ADMIN')")
    public ResponseGoal setResponseGoal(StaffMember actor, ResponseGoal goal) {
        team(goal.listId());
        if (goal.goal() != null && (goal.goal().toMinutes() < 1 || goal.goal().compareTo(Duration.ofDays(7)) > 0
                || goal.goal().toSeconds() % 60 != 0)) {
            throw new IllegalArgumentException("A response goal is between 1 minute and 7 days, in whole minutes.");
        }
        if (goal.notifyStaffId() != null && staff.findActive(goal.notifyStaffId()).isEmpty()) {
            throw new IllegalArgumentException("Choose an active staff member to notify, or the list's subscribers.");
        }
        if (goal.escalationListId() != null) {
            if (goal.escalationListId() == goal.listId()) {
                throw new IllegalArgumentException("The escalation list must be another list.");
            }
            team(goal.escalationListId());
        }
        ResponseGoal stored = goal.goal() == null ? ResponseGoal.none(goal.listId()) : goal;
        jdbc.sql("update inbox_list set response_goal_minutes = ?, escalate_to_staff_id = ?, escalation_list_id = ? "
                        + "where id = ?")
                .params(stored.goal() == null ? null : (int) stored.goal().toMinutes(), stored.notifyStaffId(),
                        stored.escalationListId(), stored.listId()).update();
        audit.record(actor.username(), AuditAction.LIST_RESPONSE_GOAL_SET, "list", String.valueOf(goal.listId()),
                stored.goal() == null ? "none" : stored.goal().toMinutes() + " min"
                        + (stored.notifyStaffId() == null ? ", subscribers" : ", staff " + stored.notifyStaffId())
                        + (stored.escalationListId() == null ? "" : ", moves to list " + stored.escalationListId()));
        return stored;
    }

    private InboxList team(long listId) {
        InboxList list = lists.findById(listId)
                .orElseThrow(() -> new NoSuchElementException("There is no list " + listId + "."));
        if (list.isBlocked()) {
            throw new IllegalArgumentException("The BLOCKED list cannot be changed.");
        }
        return list;
    }

    private String validName(String name, Long self) {
        String shown = name == null ? "" : name.strip();
        if (shown.isEmpty()) {
            throw new IllegalArgumentException("Give the list a name.");
        }
        if (shown.length() > 100) {
            throw new IllegalArgumentException("A list name has at most 100 characters.");
        }
        lists.findByNameIgnoreCase(shown).filter(other -> !other.getId().equals(self)).ifPresent(other -> {
            throw new IllegalArgumentException("There is already a list called " + other.getName() + ".");
        });
        return shown;
    }
}

package org.parley.notify;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.parley.lists.InboxListSummary;
import org.parley.lists.ListService;
import org.parley.security.StaffDirectory;
import org.parley.security.StaffMember;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What each staff member chose: per list they subscribe to, for "My inbox" and for mentions. Staff change only their
 * own choices (the page passes the logged-in staff member). A choice nobody made is {@link Channels#DEFAULT}.
 */
@Service
public class NotificationPreferences {

    private final JdbcClient jdbc;
    private final ListService lists;
    private final StaffDirectory staff;
    private final MailSetup mail;

    NotificationPreferences(JdbcClient jdbc, ListService lists, StaffDirectory staff, MailSetup mail) {
        this.jdbc = jdbc;
        this.lists = lists;
        this.staff = staff;
        this.mail = mail;
    }

    /** Everything this staff member chose, with the lists they subscribe to by name. */
    @Transactional(readOnly = true)
    public NotificationSettings of(StaffMember me) {
        var subscribed = lists.listsOf(me.id());
        Map<Long, Channels> chosen = new HashMap<>();
        jdbc.sql("select list_id, email, desktop from list_notification where staff_user_id = ?").param(me.id())
                .query(rs -> {
                    chosen.put(rs.getLong(1), new Channels(rs.getBoolean(2), rs.getBoolean(3)));
                });
        return new NotificationSettings(staff.emailOf(me.id()).orElse(null), mail.configured(), forMyInbox(me.id()),
                mentionEmail(me.id()), subscribed.stream().map(list -> new NotificationSettings.ListChoice(list.id(),
                        list.name(), chosen.getOrDefault(list.id(), Channels.DEFAULT))).toList());
    }

    /**
     * Chooses how this staff member hears of new messages in a list they subscribe to.
     *
     * @throws IllegalArgumentException when they do not subscribe to it
     */
    @Transactional
    public void chooseForList(StaffMember me, long listId, Channels channels) {
        if (lists.find(listId).filter(l -> !l.blocked() && l.hasMember(me.id())).isEmpty()) {
            throw new IllegalArgumentException("You do not subscribe to this list: ask an admin to add you first.");
        }
        int updated = jdbc.sql("update list_notification set email = ?, desktop = ? where staff_user_id = ? "
                        + "and list_id = ?").params(channels.email(), channels.desktop(), me.id(), listId).update();
        if (updated == 0) {
            jdbc.sql("insert into list_notification (staff_user_id, list_id, email, desktop) values (?, ?, ?, ?)")
                    .params(me.id(), listId, channels.email(), channels.desktop()).update();
        }
    }

    /** Chooses how this staff member hears of new messages in conversations assigned to them. */
    @Transactional
    public void chooseForMyInbox(StaffMember me, Channels channels) {
        saveStaffChoice(me.id(), channels, mentionEmail(me.id()));
    }

    /** Chooses whether a mention is also e-mailed to this staff member. */
    @Transactional
    public void chooseForMentions(StaffMember me, boolean email) {
        saveStaffChoice(me.id(), forMyInbox(me.id()), email);
    }

    /** The choices of a list's subscribers, by staff id; those who chose nothing have the default. */
    @Transactional(readOnly = true)
    Map<Long, Channels> forList(InboxListSummary list, Collection<Long> staffIds) {
        Map<Long, Channels> chosen = new HashMap<>();
        staffIds.forEach(id -> chosen.put(id, Channels.DEFAULT));
        // A former subscriber's row stays (they may be added again) but is not theirs to use now.
        jdbc.sql("select staff_user_id, email, desktop from list_notification where list_id = ?").param(list.id())
                .query(rs -> {
                    Channels channels = new Channels(rs.getBoolean(2), rs.getBoolean(3));
                    chosen.computeIfPresent(rs.getLong(1), (id, none) -> channels);
                });
        return chosen;
    }

    @Transactional(readOnly = true)
    Channels forMyInbox(long staffId) {
        return jdbc.sql("select my_inbox_email, my_inbox_desktop from staff_notification where staff_user_id = ?")
                .param(staffId).query((rs, n) -> new Channels(rs.getBoolean(1), rs.getBoolean(2))).optional()
                .orElse(Channels.DEFAULT);
    }

    @Transactional(readOnly = true)
    boolean mentionEmail(long staffId) {
        return jdbc.sql("select mention_email from staff_notification where staff_user_id = ?").param(staffId)
                .query(Boolean.class).optional().orElse(Channels.DEFAULT.email());
    }

    private void saveStaffChoice(long staffId, Channels myInbox, boolean mentionEmail) {
        int updated = jdbc.sql("update staff_notification set my_inbox_email = ?, my_inbox_desktop = ?, "
                        + "mention_email = ? where staff_user_id = ?")
                .params(myInbox.email(), myInbox.desktop(), mentionEmail, staffId).update();
        if (updated == 0) {
            jdbc.sql("insert into staff_notification (staff_user_id, my_inbox_email, my_inbox_desktop, mention_email) "
                    + "values (?, ?, ?, ?)").params(staffId, myInbox.email(), myInbox.desktop(), mentionEmail).update();
        }
    }
}

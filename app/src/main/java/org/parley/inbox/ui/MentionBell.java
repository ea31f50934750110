package org.parley.inbox.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.contextmenu.ContextMenu;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.shared.Registration;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.parley.base.ui.LiveUpdates;
import org.parley.base.ui.NavbarItem;
import org.parley.conversation.Notes;
import org.parley.mention.MentionNotice;
import org.parley.mention.MentionsRead;
import org.parley.mention.StaffMentioned;
import org.parley.practice.PracticeProfiles;
import org.parley.security.StaffMember;
import org.parley.security.web.CurrentStaff;

/** The bell in the top bar: how many mentions the staff member has not read, each a click away. */
class MentionBell extends Button {

    private final Notes notes;
    private final LiveUpdates liveUpdates;
    private final StaffMember me;
    private final Clock clock;
    final Span count = new Span();
    final ContextMenu menu;
    private final List<Registration> subscriptions = new ArrayList<>();

    MentionBell(Notes notes, LiveUpdates liveUpdates, StaffMember me, Clock clock) {
        super(VaadinIcon.BELL.create());
        this.notes = notes;
        this.liveUpdates = liveUpdates;
        this.me = me;
        this.clock = clock;
        setId("mention-bell");
        addThemeVariants(ButtonVariant.TERTIARY);
        count.setId("mention-count");
        count.addClassName("bell-count");
        setSuffixComponent(count);
        menu = new ContextMenu(this);
        menu.setOpenOnClick(true);
        // The items are filled whenever the count changes, before any click: filled on opening, the menu showed the
        // previous filling (empty the first time), whose items no longer existed on the server when chosen.
        refresh();
    }

    void refresh() {
        long unread = notes.unreadMentions(me);
        count.setText(unread == 0 ? "" : String.valueOf(unread));
        count.setVisible(unread > 0);
        getElement().setAttribute("aria-label", unread == 0 ? "No unread mentions" : unread + " unread mentions");
        getElement().setAttribute("title", unread == 0 ? "No unread mentions" : unread + " unread mentions");
        fill();
    }

    private void fill() {
        menu.removeAll();
        List<MentionNotice> notices = notes.unreadMentionNotices(me, 10);
        if (notices.isEmpty()) {
            menu.addItem("No unread mentions").setEnabled(false);
        }
        for (MentionNotice notice : notices) {
            menu.addItem(notice.byName() + " mentioned you · " + TimeFormat.of(notice.at(), clock), e -> open(notice));
        }
    }

    /** Opens the note's conversation, scrolled to the note. */
    private void open(MentionNotice notice) {
        getUI().ifPresent(ui -> ui.navigate(InboxView.class, notice.conversationId(),
                QueryParameters.of(InboxView.NOTE, String.valueOf(notice.messageId()))));
        refresh();
    }

    @Override
    protected void onAttach(AttachEvent event) {
        // The page being opened may itself have read mentions (opening their conversation) before this attached.
        refresh();
        subscriptions.add(liveUpdates.subscribe(event.getUI(), StaffMentioned.class, m -> {
            if (m.staffId() == me.id()) {
                refresh();
            }
        }));
        subscriptions.add(liveUpdates.subscribe(event.getUI(), MentionsRead.class, m -> {
            if (m.staffId() == me.id()) {
                refresh();
            }
        }));
        subscriptions.add(liveUpdates.subscribe(event.getUI(), LiveUpdates.Resync.class, missed -> refresh()));
    }

    @Override
    protected void onDetach(DetachEvent event) {
        subscriptions.forEach(Registration::remove);
        subscriptions.clear();
    }

    /** Puts a bell into every page's top bar. */
    @org.springframework.stereotype.Component
    static class Item implements NavbarItem {

        private final Notes notes;
        private final LiveUpdates liveUpdates;
        private final CurrentStaff currentStaff;
        private final Clock clock;
        private final PracticeProfiles practice;

        Item(Notes notes, LiveUpdates liveUpdates, CurrentStaff currentStaff, Clock clock,
             PracticeProfiles practice) {
            this.notes = notes;
            this.liveUpdates = liveUpdates;
            this.currentStaff = currentStaff;
            this.clock = clock;
            this.practice = practice;
        }

        @Override
        public Component create() {
            return new MentionBell(notes, liveUpdates, currentStaff.get(),
                    TimeFormat.practiceClock(clock, practice));
        }
    }
}

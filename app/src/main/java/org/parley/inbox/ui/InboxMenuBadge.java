package org.parley.inbox.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.shared.Registration;
import java.util.ArrayList;
import java.util.List;
import org.parley.base.ui.LiveUpdates;
import org.parley.base.ui.MenuBadge;
import org.parley.conversation.ConversationChanged;
import org.parley.conversation.Notes;
import org.parley.inbox.Inbox;
import org.parley.inbox.InboxService;
import org.parley.inbox.Reading;
import org.parley.mention.MentionsRead;
import org.parley.mention.StaffMentioned;
import org.parley.security.StaffMember;
import org.parley.security.web.CurrentStaff;

/** Beside Inbox in the menu: how many open conversations hold unread patient messages, and unread mentions. */
class InboxMenuBadge extends Span {

    private final InboxService inboxes;
    private final Notes notes;
    private final LiveUpdates liveUpdates;
    private final StaffMember me;
    final Span unread = new Span();
    final Span mentions = new Span();
    private final List<Registration> subscriptions = new ArrayList<>();

    InboxMenuBadge(InboxService inboxes, Notes notes, LiveUpdates liveUpdates, StaffMember me) {
        this.inboxes = inboxes;
        this.notes = notes;
        this.liveUpdates = liveUpdates;
        this.me = me;
        addClassName("menu-badges");
        unread.setId("menu-unread");
        unread.addClassName("menu-count");
        mentions.setId("menu-mentions");
        mentions.addClassNames("menu-count", "menu-mentions");
        add(unread, mentions);
        // Counted when attached (onAttach), not here as well: every page of every tab makes one of these.
    }

    void refresh() {
        refresh(Reading.FRESH);
    }

    /**
     * Counts again: for a batch of live updates once, however many conversations changed in it, with what is the same
     * for every viewer read once for all screens ({@code Reading.LIVE}).
     */
    private void refresh(Reading reading) {
        refresh(reading, true);
    }

    private void refresh(Reading reading, boolean countMentions) {
        long unseen = inboxes.counts(me, List.of(new Inbox.AllOpen()), reading).get(new Inbox.AllOpen()).unread();
        unread.setText(String.valueOf(unseen));
        unread.setVisible(unseen > 0);
        unread.getElement().setAttribute("title", unseen + " unread");
        if (!countMentions) {
            return;
        }
        long mentioned = notes.unreadMentions(me);
        mentions.setText("@" + mentioned);
        mentions.setVisible(mentioned > 0);
        mentions.getElement().setAttribute("title", mentioned + " unread mentions");
    }

    @Override
    protected void onAttach(AttachEvent event) {
        refresh();
        subscriptions.add(liveUpdates.subscribe(event.getUI(), ConversationChanged.class, this::refreshOnce));
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
    }

    private boolean refreshScheduled;
    private boolean mentionsMayHaveChanged;

    /**
     * Counts again once for a batch of live updates. Mentions are recounted only when a change in it was more than a
     * patient's message arriving (a note deleted or moved may take a mention with it): a patient's text cannot change
     * them, and mentions that are written or read come with their own events.
     */
    private void refreshOnce(ConversationChanged change) {
        mentionsMayHaveChanged |= !change.patientOnly();
        if (!refreshScheduled) {
            refreshScheduled = true;
            getUI().ifPresent(ui -> ui.beforeClientResponse(this, context -> {
                refreshScheduled = false;
                boolean countMentions = mentionsMayHaveChanged;
                mentionsMayHaveChanged = false;
                refresh(Reading.LIVE, countMentions);
            }));
        }
    }

    @Override
    protected void onDetach(DetachEvent event) {
        subscriptions.forEach(Registration::remove);
        subscriptions.clear();
    }

    /** Puts the counts beside Inbox in every page's menu. */
    @org.springframework.stereotype.Component
    static class Badge implements MenuBadge {

        private final InboxService inboxes;
        private final Notes notes;
        private final LiveUpdates liveUpdates;
        private final CurrentStaff currentStaff;

        Badge(InboxService inboxes, Notes notes, LiveUpdates liveUpdates,
              CurrentStaff currentStaff) {
            this.inboxes = inboxes;
            this.notes = notes;
            this.liveUpdates = liveUpdates;
            this.currentStaff = currentStaff;
        }

        @Override
        public Class<? extends Component> view() {
            return InboxView.class;
        }

        @Override
        public Component create() {
            return new InboxMenuBadge(inboxes, notes, liveUpdates, currentStaff.get());
        }
    }
}

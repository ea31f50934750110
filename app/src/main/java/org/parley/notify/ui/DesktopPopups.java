package org.parley.notify.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.ClientCallable;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.shared.Registration;
import org.parley.base.ui.LiveUpdates;
import org.parley.base.ui.NavbarItem;
import org.parley.lists.ListService;
import org.parley.notify.DesktopNotification;
import org.parley.security.StaffMember;
import org.parley.security.web.CurrentStaff;

/**
 * Turns the desktop notifications meant for the staff member of this tab into the browser's pop-ups (the
 * Notification API, where the staff member allowed it). Sits unseen in every page's top bar, so any open page shows
 * them. A click on a pop-up brings the tab forward and opens the conversation.
 */
class DesktopPopups extends Span {

    // Same tag for the same conversation: a burst of texts, or the same pop-up from several tabs, shows once.
    static final String SHOW = """
            if (!('Notification' in window) || Notification.permission !== 'granted') { return; }
            const element = this;
            const popup = new Notification($0, {tag: 'parley-conversation-' + $1, body: 'Click to open it in Parley.'});
            popup.onclick = () => { window.focus(); element.$server.openConversation($1); popup.close(); };
            """;

    private final LiveUpdates liveUpdates;
    private final ListService lists;
    private final StaffMember me;
    private Registration subscription;

    DesktopPopups(LiveUpdates liveUpdates, ListService lists, StaffMember me) {
        this.liveUpdates = liveUpdates;
        this.lists = lists;
        this.me = me;
        setId("desktop-popups");
        // Not setVisible(false): Vaadin would refuse the pop-up's click call to an invisible component.
        getStyle().set("display", "none");
    }

    @Override
    protected void onAttach(AttachEvent event) {
        subscription = liveUpdates.subscribe(event.getUI(), DesktopNotification.class, notification -> {
            if (notification.staffId() == me.id()) {
                getElement().executeJs(SHOW, title(notification), notification.conversationId());
            }
        });
    }

    /** Worded here, on the node whose tab shows it: the notification itself carries ids only. */
    private String title(DesktopNotification notification) {
        if (notification.escalated() && notification.listId() != null) {
            return lists.find(notification.listId()).map(list -> DesktopNotification.escalatedTitle(list.name()))
                    .orElse("A patient waits past the response goal");
        }
        if (notification.listId() == null) {
            return DesktopNotification.title(null);
        }
        return lists.find(notification.listId()).map(list -> DesktopNotification.title(list.name()))
                .orElse("New message");
    }

    @Override
    protected void onDetach(DetachEvent event) {
        if (subscription != null) {
            subscription.remove();
            subscription = null;
        }
    }

    /** A click on a pop-up: opens the conversation in this tab (the inbox's route, named to keep features apart). */
    @ClientCallable
    void openConversation(long conversationId) {
        getUI().ifPresent(ui -> ui.navigate("inbox/" + conversationId));
    }

    /** Puts the pop-up source into every page's frame. */
    @org.springframework.stereotype.Component
    static class Item implements NavbarItem {

        private final LiveUpdates liveUpdates;
        private final ListService lists;
        private final CurrentStaff currentStaff;

        Item(LiveUpdates liveUpdates, ListService lists, CurrentStaff currentStaff) {
            this.liveUpdates = liveUpdates;
            this.lists = lists;
            this.currentStaff = currentStaff;
        }

        @Override
        public Component create() {
            return new DesktopPopups(liveUpdates, lists, currentStaff.get());
        }
    }
}

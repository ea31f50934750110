package org.parley.inbox.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.splitlayout.SplitLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.BeforeEvent;
import com.vaadin.flow.router.HasUrlParameter;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.OptionalParameter;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteAlias;
import com.vaadin.flow.shared.Registration;
import jakarta.annotation.security.RolesAllowed;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import org.parley.base.ui.LiveUpdates;
import org.parley.conversation.ConversationChanged;
import org.parley.inbox.ConversationRow;
import org.parley.inbox.ConversationSearch;
import org.parley.inbox.Inbox;
import org.parley.inbox.InboxCount;
import org.parley.inbox.InboxService;
import org.parley.inbox.Reading;
import org.parley.lists.ListService;
import org.parley.mention.MentionsRead;
import org.parley.practice.PracticeProfiles;
import org.parley.security.StaffAccessChanged;
import org.parley.security.StaffDirectory;
import org.parley.security.StaffMember;
import org.parley.security.web.CurrentStaff;
import org.parley.security.web.StaffAccess;
import org.springframework.security.access.AccessDeniedException;

/**
 * The shared inbox: the views (my inbox, my lists, all open, closed, a colleague's inbox) with live counts and a
 * search on the left, the chosen view's conversations below them, loaded page by page; the opened conversation on
 * the right. New messages, assignments and status changes arrive without a reload.
 */
@Route("inbox")
@RouteAlias("")
@PageTitle("Inbox | Parley")
@Menu(title = "Inbox", order = 0)
// STAFF or ADMIN, not just any login: a session whose account lost its role sees nothing here.
@RolesAllowed({"STAFF", "ADMIN"})
class InboxView extends SplitLayout implements HasUrlParameter<Long> {

    /** The query parameter naming a message to show in the opened conversation (a mentioning note). */
    static final String NOTE = "note";

    private final InboxService inboxes;
    private final StaffDirectory staff;
    private final LiveUpdates liveUpdates;
    private final Clock clock;
    private final ConversationPanels panels;
    private final StaffMember me;
    final InboxNavigation views;
    final Grid<ConversationRow> list = new Grid<>();
    final H2 title = new H2();
    final Span count = new Span();
    private boolean listsRefreshScheduled;
    /** The conversations changed in the batch of live updates being applied. */
    private final Set<Long> changed = new HashSet<>();
    /** The conversations the list has fetched since its view or search was chosen: a change to one redraws it. */
    private final Set<Long> fetched = new HashSet<>();
    /** Changes may have been missed (a resync): the list is redrawn whatever changed. */
    private boolean redrawAll;
    /**
     * Why the list reads next: FRESH after a person's own action (they see it at once), LIVE while it refreshes for
     * live updates (what every screen shows alike is read once for all the screens refreshing for the same batch).
     */
    private Reading reading = Reading.FRESH;
    final SearchFilters filters;
    final TextField search;
    private final Div detail = new Div();
    ConversationPanel panel;
    Dialog shortcutsHelp;
    private final List<Registration> subscriptions = new ArrayList<>();

    InboxView(InboxService inboxes, ListService lists, StaffDirectory staff, CurrentStaff currentStaff,
              LiveUpdates liveUpdates, Clock clock, PracticeProfiles practice, ConversationPanels panels) {
        this.inboxes = inboxes;
        this.staff = staff;
        this.liveUpdates = liveUpdates;
        this.clock = TimeFormat.practiceClock(clock, practice);
        this.panels = panels;
        this.me = currentStaff.get();
        setSizeFull();
        setSplitterPosition(32);

        views = new InboxNavigation(inboxes, lists, staff, me, choice -> showList(), clock);
        list.setId("conversation-list");
        list.addThemeVariants(GridVariant.NO_BORDER, GridVariant.ROW_STRIPES);
        list.addColumn(ConversationRows.renderer(this.clock)).setHeader("Conversations");
        list.setPageSize(50);
        list.addItemClickListener(click -> list.getUI().ifPresent(ui ->
                ui.navigate(InboxView.class, click.getItem().id())));
        list.setSizeFull();
        count.setId("open-count");
        title.setId("inbox-title");
        title.addClassName("parley-list-title");
        filters = new SearchFilters(lists, staff, panels.tags, me, this::showList);
        search = filters.search;
        Button keys = new Button("Keyboard shortcuts (Alt+/)", e -> showShortcuts());
        keys.setId("show-shortcuts");
        keys.addThemeVariants(ButtonVariant.TERTIARY, ButtonVariant.SMALL);

        VerticalLayout left = new VerticalLayout(views, search, filters.filters, filters.error, title, count, list,
                keys);
        left.setPadding(false);
        left.setSpacing(false);
        left.setSizeFull();
        left.getStyle().set("padding", "0 0.5em");
        left.setFlexGrow(1, list);
        detail.setSizeFull();
        detail.setId("conversation-detail");
        addToPrimary(left);
        addToSecondary(detail);
        showNothingOpen();
        views.choose(views.choiceFor("all"));
    }

    /** Shows the chosen view, or the search results while a search is entered. */
    private void showList() {
        reading = Reading.FRESH;
        filters.error.setText("");
        if (filters.searching()) {
            ConversationSearch query = filters.current();
            title.setText("Search results");
            try {
                list.setItems(q -> inboxes.search(me, query, q.getOffset(), q.getLimit()).stream());
                count.setText(inboxes.countSearch(me, query) + " found");
            } catch (AccessDeniedException denied) {
                filters.error.setText(denied.getMessage());
                list.setItems(List.of());
                count.setText("");
            }
        } else {
            InboxNavigation.Choice choice = views.current();
            title.setText(choice.name());
            fetched.clear();
            list.setItems(q -> inboxes.conversations(me, choice.inbox(), q.getOffset(), q.getLimit(), reading)
                    .stream().peek(row -> fetched.add(row.id())));
            refreshCount();
        }
        views.refreshCounts();
    }

    @Override
    public void setParameter(BeforeEvent event, @OptionalParameter Long conversationId) {
        QueryParameters query = event.getLocation().getQueryParameters();
        query.getSingleParameter("view").ifPresent(key -> views.choose(views.choiceFor(key)));
        if (conversationId == null) {
            showNothingOpen();
            return;
        }
        try {
            panel = panels.open(me, conversationId, clock);
        } catch (NoSuchElementException | AccessDeniedException e) {
            panel = null;
            detail.removeAll();
            Span why = new Span(e.getMessage());
            why.setId("conversation-error");
            detail.add(why);
            return;
        }
        detail.removeAll();
        detail.add(panel);
        reading = Reading.FRESH;
        panel.onPatientSaved(() -> {
            reading = Reading.FRESH;
            list.getDataProvider().refreshAll();
        });
        query.getSingleParameter(NOTE).filter(id -> id.matches("\\d{1,18}"))
                .ifPresent(id -> panel.showMessage(Long.parseLong(id)));
        list.getDataProvider().refreshAll();
        views.refreshCounts();
    }

    private void showNothingOpen() {
        panel = null;
        detail.removeAll();
        Span hint = new Span("Choose a conversation on the left.");
        hint.addClassName("parley-hint");
        detail.add(hint);
    }

    private void refreshCount() {
        if (!filters.searching()) {
            if (views.current().inbox() instanceof Inbox.Closed) {
                count.setText(inboxes.countClosed(me) + " closed");
                return;
            }
            showCount(inboxes.count(me, views.current().inbox()));
        }
    }

    private void showCount(InboxCount total) {
        count.setText(total.total() + " open" + (total.unread() > 0 ? ", " + total.unread() + " unread" : ""));
    }

    void onChange(ConversationChanged change) {
        if (panel != null && panel.conversationId() == change.conversationId()) {
            panel.refresh(change.inbound());
        }
        changed.add(change.conversationId());
        refreshListsOnce();
    }

    /**
     * Refreshes the list and the counts once before the next response, however many conversations changed in the
     * batch of live updates that is being applied.
     */
    private void refreshListsOnce() {
        if (!listsRefreshScheduled) {
            listsRefreshScheduled = true;
            getUI().ifPresent(ui -> ui.beforeClientResponse(this, context -> {
                listsRefreshScheduled = false;
                reading = Reading.LIVE;
                refreshLists(redrawAll || mayShowAChange());
                changed.clear();
                redrawAll = false;
            }));
        }
    }

    /**
     * Whether the list must be redrawn for the batch: a changed conversation is among the rows it fetched, or the view
     * may hold one now (a search, All open, or a view whose conditions it meets). A text that lands in another
     * list leaves My inbox as it is: its counts are still recounted.
     */
    private boolean mayShowAChange() {
        if (changed.isEmpty() || filters.searching() || views.current().inbox() instanceof Inbox.AllOpen
                || changed.stream().anyMatch(fetched::contains)) {
            return true;
        }
        return inboxes.mayShowAny(me, views.current().inbox(), changed);
    }

    private void refreshLists(boolean redrawList) {
        if (redrawList) {
            list.getDataProvider().refreshAll();
        }
        views.refreshCounts(reading);
        // The view's own count was just counted with the others.
        views.lastCount(views.current().inbox()).filter(c -> !filters.searching()
                        && !(views.current().inbox() instanceof Inbox.Closed))
                .ifPresentOrElse(this::showCount, this::refreshCount);
    }

    /** Opens the conversation {@code delta} rows below (or above) the open one in the list shown. */
    private void step(int delta) {
        List<Long> ids = list.getLazyDataView().getItems().limit(1000).map(ConversationRow::id).toList();
        if (ids.isEmpty()) {
            return;
        }
        int at = panel == null ? -1 : ids.indexOf(panel.conversationId());
        int next = at < 0 ? (delta > 0 ? 0 : ids.size() - 1) : Math.max(0, Math.min(ids.size() - 1, at + delta));
        if (at != next) {
            getUI().ifPresent(ui -> ui.navigate(InboxView.class, ids.get(next)));
        }
    }

    void showShortcuts() {
        shortcutsHelp = InboxShortcuts.showHelp();
    }

    @Override
    protected void onAttach(AttachEvent attachEvent) {
        subscriptions.addAll(InboxShortcuts.register(this, this::step, () -> panel, this::showShortcuts));
        subscriptions.add(liveUpdates.subscribe(attachEvent.getUI(), ConversationChanged.class, this::onChange));
        // The writer of a note sees the moment a mentioned colleague reads it.
        subscriptions.add(liveUpdates.subscribe(attachEvent.getUI(), MentionsRead.class, read -> {
            if (panel != null && panel.conversationId() == read.conversationId()) {
                panel.refresh(false);
            }
        }));
        // Changes may have been missed (another node's news did not reach this one for a while): show all anew.
        // A demoted admin (or one whose emergency access was revoked) no longer sees BLOCKED: the open list closes.
        subscriptions.add(liveUpdates.subscribe(attachEvent.getUI(), StaffAccessChanged.class,
                changed -> {
                    if (changed.staffUserId() == me.id() && views.current().inbox()
                            instanceof Inbox.Blocked && staff.findActive(me.id()).isPresent()
                            && !staff.isAdminNow(me.id())) {
                        attachEvent.getUI().navigate(StaffAccess.ADMINS_ONLY_PAGE);
                    }
                }));
        subscriptions.add(liveUpdates.subscribe(attachEvent.getUI(), LiveUpdates.Resync.class, resync -> {
            if (panel != null) {
                panel.refresh(false);
            }
            redrawAll = true;
            refreshListsOnce();
        }));
    }

    @Override
    protected void onDetach(DetachEvent detachEvent) {
        subscriptions.forEach(Registration::remove);
        subscriptions.clear();
    }
}

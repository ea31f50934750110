package org.parley.inbox.ui;

import jakarta.annotation.security.RolesAllowed;
import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.details.Details;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.splitlayout.SplitLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.renderer.LitRenderer;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.BeforeEvent;
import com.vaadin.flow.router.HasUrlParameter;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.OptionalParameter;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteAlias;
import com.vaadin.flow.shared.Registration;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import org.parley.assignment.AssignmentService;
import org.parley.base.ui.LiveUpdates;
import org.parley.conversation.ConversationChanged;
import org.parley.conversation.ConversationService;
import org.parley.conversation.ConversationStatus;
import org.parley.inbox.ConversationRow;
import org.parley.inbox.ConversationSearch;
import org.parley.inbox.InboxCount;
import org.parley.inbox.InboxService;
import org.parley.inbox.Reading;
import org.parley.lists.InboxListSummary;
import org.parley.lists.ListService;
import org.parley.security.CurrentStaff;
import org.parley.security.StaffDirectory;
import org.parley.security.StaffMember;

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

    private final ConversationService conversations;
    private final AssignmentService assignments;
    private final InboxService inboxes;
    private final ListService lists;
    private final StaffDirectory staff;
    private final org.parley.patient.ContactService contacts;
    private final org.parley.template.TemplateService templates;
    private final org.parley.attachment.ReplyAttachments replyAttachments;
    private final LiveUpdates liveUpdates;
    private final Clock clock;
    private final org.parley.chart.ui.CopyToChart copyToChart;
    private final StaffMember me;
    final InboxNavigation views;
    final Grid<ConversationRow> list = new Grid<>();
    final H2 title = new H2();
    final Span count = new Span();
    private boolean listsRefreshScheduled;
    /**
     * Why the list reads next: FRESH after a person's own action (they see it at once), LIVE while it refreshes for
     * live updates (what every screen shows alike is read once for all the screens refreshing for the same batch).
     */
    private Reading reading = Reading.FRESH;
    final TextField search = new TextField();
    final Select<ConversationStatus> statusFilter = new Select<>();
    final ComboBox<InboxListSummary> listFilter = new ComboBox<>("List");
    final ComboBox<StaffMember> assigneeFilter = new ComboBox<>("Assigned to");
    final DatePicker fromFilter = new DatePicker("From");
    final DatePicker toFilter = new DatePicker("To");
    final Span searchError = new Span();
    private final Div detail = new Div();
    ConversationPanel panel;
    private final List<Registration> subscriptions = new ArrayList<>();

    private final org.parley.conversation.ScheduledReplies scheduledReplies;

    InboxView(ConversationService conversations, AssignmentService assignments, InboxService inboxes,
              ListService lists, StaffDirectory staff, org.parley.patient.ContactService contacts,
              CurrentStaff currentStaff, LiveUpdates liveUpdates, Clock clock,
              org.parley.chart.ui.CopyToChart copyToChart, org.parley.template.TemplateService templates,
              org.parley.attachment.ReplyAttachments replyAttachments,
              org.parley.practice.PracticeProfiles practice,
              org.parley.conversation.ScheduledReplies scheduledReplies) {
        this.scheduledReplies = scheduledReplies;
        this.conversations = conversations;
        this.assignments = assignments;
        this.inboxes = inboxes;
        this.lists = lists;
        this.staff = staff;
        this.contacts = contacts;
        this.templates = templates;
        this.replyAttachments = replyAttachments;
        this.liveUpdates = liveUpdates;
        this.clock = TimeFormat.practiceClock(clock, practice);
        this.copyToChart = copyToChart;
        this.me = currentStaff.get();
        setSizeFull();
        setSplitterPosition(32);

        views = new InboxNavigation(inboxes, lists, staff, me, choice -> showList(), clock);
        list.setId("conversation-list");
        list.addThemeVariants(GridVariant.NO_BORDER, GridVariant.ROW_STRIPES);
        list.addColumn(rowRenderer()).setHeader("Conversations");
        list.setPageSize(50);
        list.addItemClickListener(click -> list.getUI().ifPresent(ui ->
                ui.navigate(InboxView.class, click.getItem().id())));
        list.setSizeFull();
        count.setId("open-count");
        title.setId("inbox-title");
        title.addClassName("parley-list-title");

        search.setId("search");
        search.setPlaceholder("Search name, pharmacy or lab, number, date of birth, MRN or words");
        search.setHelperText(null);
        search.setTooltipText("Whole words of messages are found too (message text is stored encrypted: no parts of words)");
        search.setClearButtonVisible(true);
        search.setWidthFull();
        search.setValueChangeMode(ValueChangeMode.LAZY);
        search.addValueChangeListener(e -> showList());
        statusFilter.setLabel("Status");
        statusFilter.setId("filter-status");
        statusFilter.setItems(ConversationStatus.values());
        statusFilter.setEmptySelectionAllowed(true);
        statusFilter.setEmptySelectionCaption("Open and closed");
        statusFilter.setItemLabelGenerator(s -> s == null ? "Open and closed" : s == ConversationStatus.OPEN ? "Open" : "Closed");
        listFilter.setId("filter-list");
        listFilter.setItems(me.isAdmin() ? lists.all() : lists.teamLists());
        listFilter.setItemLabelGenerator(InboxListSummary::name);
        listFilter.setClearButtonVisible(true);
        assigneeFilter.setId("filter-assignee");
        assigneeFilter.setItems(query -> staff.searchActive(query.getFilter().orElse(""), query.getOffset(),
                query.getLimit()).stream());
        assigneeFilter.setItemLabelGenerator(StaffMember::displayName);
        assigneeFilter.setClearButtonVisible(true);
        fromFilter.setId("filter-from");
        toFilter.setId("filter-to");
        statusFilter.addValueChangeListener(e -> showList());
        listFilter.addValueChangeListener(e -> showList());
        assigneeFilter.addValueChangeListener(e -> showList());
        fromFilter.addValueChangeListener(e -> showList());
        toFilter.addValueChangeListener(e -> showList());
        Button keys = new Button("Keyboard shortcuts (Alt+/)", e -> showShortcuts());
        keys.setId("show-shortcuts");
        keys.addThemeVariants(ButtonVariant.TERTIARY, ButtonVariant.SMALL);
        Button clear = new Button("Clear search", e -> clearSearch());
        clear.addThemeVariants(ButtonVariant.TERTIARY, ButtonVariant.SMALL);
        VerticalLayout filterFields = new VerticalLayout(statusFilter, listFilter, assigneeFilter, fromFilter,
                toFilter, clear);
        filterFields.setPadding(false);
        filterFields.setSpacing(false);
        Details filters = new Details("Filters", filterFields);
        filters.setId("search-filters");
        searchError.addClassName("parley-error");

        VerticalLayout left = new VerticalLayout(views, search, filters, searchError, title, count, list, keys);
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

    private boolean searching() {
        return !search.getValue().isBlank() || statusFilter.getValue() != null || listFilter.getValue() != null
                || assigneeFilter.getValue() != null || fromFilter.getValue() != null || toFilter.getValue() != null;
    }

    private ConversationSearch currentSearch() {
        return new ConversationSearch(search.getValue(), statusFilter.getValue(),
                listFilter.getValue() == null ? null : listFilter.getValue().id(),
                assigneeFilter.getValue() == null ? null : assigneeFilter.getValue().id(), fromFilter.getValue(),
                toFilter.getValue());
    }

    private void clearSearch() {
        search.clear();
        statusFilter.clear();
        listFilter.clear();
        assigneeFilter.clear();
        fromFilter.clear();
        toFilter.clear();
    }

    /** Shows the chosen view, or the search results while a search is entered. */
    private void showList() {
        reading = Reading.FRESH;
        searchError.setText("");
        if (searching()) {
            ConversationSearch query = currentSearch();
            title.setText("Search results");
            try {
                list.setItems(q -> inboxes.search(me, query, q.getOffset(), q.getLimit()).stream());
                count.setText(inboxes.countSearch(me, query) + " found");
            } catch (org.springframework.security.access.AccessDeniedException denied) {
                searchError.setText(denied.getMessage());
                list.setItems(List.of());
                count.setText("");
            }
        } else {
            InboxNavigation.Choice choice = views.current();
            title.setText(choice.name());
            list.setItems(q -> inboxes.conversations(me, choice.inbox(), q.getOffset(), q.getLimit(), reading)
                    .stream());
            refreshCount();
        }
        views.refreshCounts();
    }

    /**
     * One row of the list, drawn in the browser from a few values (a Lit template, not server-side components): every
     * open screen redraws its visible rows whenever conversations change, so a row costs the server a handful of
     * strings.
     */
    private LitRenderer<ConversationRow> rowRenderer() {
        return LitRenderer.<ConversationRow>of("""
                        <div class="conversation-row ${item.unseen ? 'unread' : ''}" data-conversation="${item.id}">\
                        <div class="who"><span>\
                        <span class="unread-dot" title="New patient message" ?hidden="${!item.unseen}"></span>\
                        <span class="name">${item.name}</span>\
                        <span class="attention" ?hidden="${!item.flag}">${item.flag}</span>\
                        </span><span class="time">${item.time}</span></div>\
                        <span class="preview">${item.preview}</span>\
                        <div class="badges" ?hidden="${!item.assignment && !item.closed}">\
                        <span class="assignment-badge" ?hidden="${!item.assignment}">${item.assignment}</span>\
                        <span class="closed-badge" ?hidden="${!item.closed}">Closed</span>\
                        </div></div>""")
                .withProperty("id", ConversationRow::id)
                .withProperty("unseen", ConversationRow::unseen)
                .withProperty("name", ConversationRow::contactName)
                .withProperty("flag", row -> row.attention() == null ? ""
                        : row.attention() == org.parley.conversation.Attention.DELIVERY_FAILED ? "Not delivered"
                        : "Possible opt-out")
                .withProperty("time", row -> TimeFormat.of(row.lastActivityAt(), clock))
                .withProperty("preview", ConversationRow::preview)
                .withProperty("assignment", ConversationRow::assignment)
                .withProperty("closed", row -> row.status() == ConversationStatus.CLOSED);
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
            panel = new ConversationPanel(conversations, assignments, lists, staff, contacts, templates,
                    replyAttachments, me, conversationId, clock, copyToChart, scheduledReplies);
        } catch (NoSuchElementException | org.springframework.security.access.AccessDeniedException e) {
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
        if (!searching()) {
            if (views.current().inbox() instanceof org.parley.inbox.Inbox.Closed) {
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
                refreshLists();
            }));
        }
    }

    private void refreshLists() {
        list.getDataProvider().refreshAll();
        views.refreshCounts(reading);
        // The view's own count was just counted with the others.
        views.lastCount(views.current().inbox()).filter(c -> !searching()
                        && !(views.current().inbox() instanceof org.parley.inbox.Inbox.Closed))
                .ifPresentOrElse(this::showCount, this::refreshCount);
    }

    /** The inbox's keyboard shortcuts, as the "?" overlay lists them (Alt, so typing in a box never triggers one). */
    static final List<String[]> SHORTCUTS = List.of(
            new String[] {"Alt+J", "Next conversation in the list (opens it)"},
            new String[] {"Alt+K", "Previous conversation in the list (opens it)"},
            new String[] {"Alt+A", "Assign the open conversation to me"},
            new String[] {"Alt+C", "Close the open conversation"},
            new String[] {"Alt+R", "Reply to the patient (focuses the reply box)"},
            new String[] {"Alt+N", "Write an internal note"},
            new String[] {"Ctrl+Enter", "Send the reply"},
            new String[] {"Alt+/", "Show these shortcuts"});

    com.vaadin.flow.component.dialog.Dialog shortcutsHelp;

    private void addShortcuts() {
        com.vaadin.flow.component.KeyModifier alt = com.vaadin.flow.component.KeyModifier.ALT;
        subscriptions.add(com.vaadin.flow.component.Shortcuts.addShortcutListener(this, () -> step(1),
                com.vaadin.flow.component.Key.KEY_J, alt));
        subscriptions.add(com.vaadin.flow.component.Shortcuts.addShortcutListener(this, () -> step(-1),
                com.vaadin.flow.component.Key.KEY_K, alt));
        subscriptions.add(com.vaadin.flow.component.Shortcuts.addShortcutListener(this, () -> press(
                panel == null ? null : panel.assignment.assignToMe), com.vaadin.flow.component.Key.KEY_A, alt));
        subscriptions.add(com.vaadin.flow.component.Shortcuts.addShortcutListener(this, () -> press(
                panel == null ? null : panel.assignment.close), com.vaadin.flow.component.Key.KEY_C, alt));
        subscriptions.add(com.vaadin.flow.component.Shortcuts.addShortcutListener(this, () -> {
            if (panel != null) {
                panel.composerTabs.setSelectedTab(panel.replyTab);
                panel.reply.focus();
            }
        }, com.vaadin.flow.component.Key.KEY_R, alt));
        subscriptions.add(com.vaadin.flow.component.Shortcuts.addShortcutListener(this, () -> {
            if (panel != null) {
                panel.composerTabs.setSelectedTab(panel.noteTab);
                panel.noteComposer.note.focus();
            }
        }, com.vaadin.flow.component.Key.KEY_N, alt));
        subscriptions.add(com.vaadin.flow.component.Shortcuts.addShortcutListener(this, this::showShortcuts,
                com.vaadin.flow.component.Key.of("/"), alt));
    }

    /** Clicks a button of the open conversation when it is there and usable (e.g. not "Close" on a closed one). */
    private static void press(Button button) {
        if (button != null && button.isVisible() && button.isEnabled() && button.getParent().isPresent()) {
            button.click();
        }
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
        com.vaadin.flow.component.dialog.Dialog dialog = new com.vaadin.flow.component.dialog.Dialog();
        dialog.setHeaderTitle("Keyboard shortcuts");
        com.vaadin.flow.component.html.Div table = new com.vaadin.flow.component.html.Div();
        table.setId("shortcuts");
        table.addClassName("shortcuts");
        for (String[] shortcut : SHORTCUTS) {
            Span keys = new Span(shortcut[0]);
            keys.addClassName("keys");
            table.add(keys, new Span(shortcut[1]));
        }
        dialog.add(table);
        dialog.getFooter().add(new Button("Close", e -> dialog.close()));
        shortcutsHelp = dialog;
        dialog.open();
    }

    @Override
    protected void onAttach(AttachEvent attachEvent) {
        addShortcuts();
        subscriptions.add(liveUpdates.subscribe(attachEvent.getUI(), ConversationChanged.class, this::onChange));
        // The writer of a note sees the moment a mentioned colleague reads it.
        subscriptions.add(liveUpdates.subscribe(attachEvent.getUI(), org.parley.mention.MentionsRead.class, read -> {
            if (panel != null && panel.conversationId() == read.conversationId()) {
                panel.refresh(false);
            }
        }));
        // Changes may have been missed (another node's news did not reach this one for a while): show all anew.
        // A demoted admin (or one whose emergency access was revoked) no longer sees BLOCKED: the open list closes.
        subscriptions.add(liveUpdates.subscribe(attachEvent.getUI(), org.parley.security.StaffAccessChanged.class,
                changed -> {
                    if (changed.staffUserId() == me.id() && views.current().inbox()
                            instanceof org.parley.inbox.Inbox.Blocked && staff.findActive(me.id()).isPresent()
                            && !staff.isAdminNow(me.id())) {
                        attachEvent.getUI().navigate(org.parley.security.StaffAccess.ADMINS_ONLY_PAGE);
                    }
                }));
        subscriptions.add(liveUpdates.subscribe(attachEvent.getUI(), LiveUpdates.Resync.class, resync -> {
            if (panel != null) {
                panel.refresh(false);
            }
            refreshListsOnce();
        }));
    }

    @Override
    protected void onDetach(DetachEvent detachEvent) {
        subscriptions.forEach(Registration::remove);
        subscriptions.clear();
    }
}

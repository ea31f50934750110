package org.parley.inbox.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.splitlayout.SplitLayout;
import com.vaadin.flow.router.BeforeEvent;
import com.vaadin.flow.router.HasUrlParameter;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.OptionalParameter;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteAlias;
import com.vaadin.flow.shared.Registration;
import jakarta.annotation.security.PermitAll;
import java.time.Clock;
import java.util.NoSuchElementException;
import org.parley.base.ui.LiveUpdates;
import org.parley.inbox.ConversationChanged;
import org.parley.inbox.ConversationRow;
import org.parley.inbox.ConversationService;
import org.parley.security.CurrentStaff;
import org.parley.security.StaffMember;

/**
 * The inbox: open conversations on the left, newest activity first, loaded page by page; the opened
 * conversation on the right. New messages and status changes arrive without a reload.
 */
@Route("inbox")
@RouteAlias("")
@PageTitle("Inbox | Parley")
@Menu(title = "Inbox", order = 0)
@PermitAll
class InboxView extends SplitLayout implements HasUrlParameter<Long> {

    private final ConversationService conversations;
    private final org.parley.patient.ContactService contacts;
    private final LiveUpdates liveUpdates;
    private final Clock clock;
    private final org.parley.chart.ui.CopyToChart copyToChart;
    private final StaffMember me;
    final Grid<ConversationRow> list = new Grid<>();
    final Span count = new Span();
    private final Div detail = new Div();
    ConversationPanel panel;
    private Registration subscription;

    InboxView(ConversationService conversations, org.parley.patient.ContactService contacts, CurrentStaff currentStaff,
              LiveUpdates liveUpdates, Clock clock, org.parley.chart.ui.CopyToChart copyToChart) {
        this.conversations = conversations;
        this.contacts = contacts;
        this.liveUpdates = liveUpdates;
        this.clock = clock;
        this.copyToChart = copyToChart;
        this.me = currentStaff.get();
        setSizeFull();
        setSplitterPosition(32);

        list.setId("conversation-list");
        list.addThemeVariants(GridVariant.NO_BORDER, GridVariant.ROW_STRIPES);
        list.addComponentColumn(this::row).setHeader("Conversations");
        list.setItems(query -> conversations.openConversations(me, query.getOffset(), query.getLimit()).stream());
        list.setPageSize(50);
        list.addItemClickListener(click -> list.getUI().ifPresent(ui ->
                ui.navigate(InboxView.class, click.getItem().id())));
        list.setSizeFull();
        count.setId("open-count");
        H2 title = new H2("Open conversations");
        title.addClassName("parley-list-title");
        VerticalLayout left = new VerticalLayout(title, count, list);
        left.setPadding(false);
        left.setSizeFull();
        left.getStyle().set("padding", "0 0.5em");
        detail.setSizeFull();
        detail.setId("conversation-detail");
        addToPrimary(left);
        addToSecondary(detail);
        showNothingOpen();
        refreshCount();
    }

    private Div row(ConversationRow row) {
        Span name = new Span(row.contactName());
        name.addClassName("name");
        Span time = new Span(TimeFormat.of(row.lastActivityAt(), clock));
        time.addClassName("time");
        Div who = new Div();
        who.addClassName("who");
        Span left = new Span();
        if (row.unseen()) {
            Span dot = new Span();
            dot.addClassName("unread-dot");
            dot.getElement().setAttribute("title", "New patient message");
            left.add(dot);
        }
        left.add(name);
        if (row.attention() != null) {
            Span flag = new Span(row.attention() == org.parley.inbox.Attention.DELIVERY_FAILED
                    ? "Not delivered" : "Possible opt-out");
            flag.addClassName("attention");
            left.add(flag);
        }
        who.add(left, time);
        Span preview = new Span(row.preview());
        preview.addClassName("preview");
        Div cell = new Div(who, preview);
        cell.addClassName("conversation-row");
        if (row.unseen()) {
            cell.addClassName("unread");
        }
        cell.getElement().setAttribute("data-conversation", String.valueOf(row.id()));
        return cell;
    }

    @Override
    public void setParameter(BeforeEvent event, @OptionalParameter Long conversationId) {
        if (conversationId == null) {
            showNothingOpen();
            return;
        }
        try {
            panel = new ConversationPanel(conversations, contacts, me, conversationId, clock, copyToChart);
        } catch (NoSuchElementException e) {
            detail.removeAll();
            detail.add(new Span(e.getMessage()));
            return;
        }
        detail.removeAll();
        detail.add(panel);
        list.getDataProvider().refreshAll();
    }

    private void showNothingOpen() {
        panel = null;
        detail.removeAll();
        Span hint = new Span("Choose a conversation on the left.");
        hint.addClassName("parley-hint");
        detail.add(hint);
    }

    private void refreshCount() {
        count.setText(conversations.countOpen() + " open");
    }

    void onChange(ConversationChanged change) {
        if (panel != null && panel.conversationId() == change.conversationId()) {
            panel.refresh(change.inbound());
        }
        list.getDataProvider().refreshAll();
        refreshCount();
    }

    @Override
    protected void onAttach(AttachEvent attachEvent) {
        subscription = liveUpdates.subscribe(attachEvent.getUI(), ConversationChanged.class, this::onChange);
    }

    @Override
    protected void onDetach(DetachEvent detachEvent) {
        if (subscription != null) {
            subscription.remove();
            subscription = null;
        }
    }
}

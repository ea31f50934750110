package org.parley.inbox.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.tabs.Tab;
import com.vaadin.flow.component.tabs.Tabs;
import com.vaadin.flow.component.textfield.TextArea;
import java.time.Clock;
import java.util.Optional;
import org.parley.chart.ui.ChartActions;
import org.parley.conversation.ConversationHeader;
import org.parley.conversation.ConversationService;
import org.parley.security.StaffMember;
import org.parley.template.TemplateService;
import org.parley.template.ui.TemplatePicker;
import org.parley.tag.ui.ConversationTags;

/**
 * One opened conversation, put together from its parts: the title line ({@link ConversationTitle}), who holds it
 * ({@link AssignmentBar}), what needs attention, the chart actions, the thread ({@link MessageThread}, drawn by
 * {@link MessageBubbles} with {@link MessageActions}), and the reply ({@link ReplyComposer}) or note
 * ({@link NoteComposer}) under it.
 */
class ConversationPanel extends VerticalLayout {

    private final ConversationService conversations;
    private final StaffMember me;
    private final long conversationId;
    private ConversationHeader header;
    final ConversationTitle title;
    final Div banner = new Div();
    final Span optOut;
    final Span textedVia;
    final Span numberType;
    final MessageThread messages;
    final Div thread;
    final ReplyComposer composer;
    final TextArea reply;
    final Div replyBlocked;
    final ScheduledSend scheduling;
    final AssignmentBar assignment;
    final NoteComposer noteComposer;
    final Tabs composerTabs = new Tabs();
    final Tab replyTab = new Tab("Reply to patient");
    final Tab noteTab = new Tab("Internal note");
    /** Tells the inbox that the contact's name may have changed, so its list shows it at once. */
    private Runnable patientSaved = () -> { };
    /** The conversation's tags, which staff add and take off (tag.ui). */
    final ConversationTags tags;
    /** Copy to chart (issue 6): the selection, toolbar and each message's "In chart" line live in chart.ui. */
    final ChartActions chart;

    ConversationPanel(ConversationPanels services, StaffMember me, long conversationId, Clock clock) {
        ConversationService conversations = services.conversations;
        TemplateService templates = services.templates;
        this.conversations = conversations;
        this.me = me;
        this.conversationId = conversationId;
        this.header = conversations.open(me, conversationId);
        this.chart = services.copyToChart.actionsFor(me, conversationId);
        setSizeFull();
        setPadding(true);

        title = new ConversationTitle(header, conversations.contactLineType(conversationId), services.contacts, me, clock,
                contactId -> {
                    refreshHeader();
                    patientSaved.run();
                });
        optOut = title.optOut;
        textedVia = title.textedVia;
        numberType = title.numberType;
        MessageActions actions = new MessageActions(services, me, conversationId, this::renderThread);
        messages = new MessageThread(conversations, conversationId, chart, actions);
        thread = messages.thread;
        composer = new ReplyComposer(services.replies, services.scheduledReplies, services.secureMessages,
                services.replyAttachments, templates, me, header, clock,
                messages::showNewest);
        reply = composer.reply;
        replyBlocked = composer.replyBlocked;
        scheduling = composer.scheduling;
        messages.drawWith(new MessageBubbles(conversations, clock, scheduling, actions::actions));
        noteComposer = new NoteComposer(services.notes, services.staff, me, conversationId, messages::showNewest);
        noteComposer.setVisible(false);
        // Templates in notes as in replies, filled in for this conversation's patient.
        noteComposer.addComponentAsFirst(new TemplatePicker(templates, noteComposer.note,
                () -> templates.context(header.contactId(), me)));
        replyTab.setId("reply-tab");
        noteTab.setId("note-tab");
        composerTabs.add(replyTab, noteTab);
        composerTabs.addSelectedChangeListener(e -> {
            boolean note = composerTabs.getSelectedTab() == noteTab;
            composer.setShown(!note);
            noteComposer.setVisible(note);
        });
        assignment = new AssignmentBar(services.assignments, services.lists, services.staff, me, conversationId, () -> {
            refreshHeader();
            renderThread();
        });
        tags = new ConversationTags(services.tags, me, conversationId);
        banner.setId("attention");
        banner.addClassName("attention-banner");
        // The tabs and the reply's tools share a line: on a 700 px high tablet every line is taken from the thread.
        HorizontalLayout composerBar = new HorizontalLayout(composerTabs, composer.replyTools);
        composerBar.setWidthFull();
        composerBar.setWrap(true);
        composerBar.setAlignItems(Alignment.CENTER);
        composerBar.addClassName("composer-bar");
        // The tags share the title's line: on a 700 px high screen every line is taken from the thread.
        title.add(tags);
        add(title, assignment, banner, chart, messages.earlier, thread, composerBar, composer.replyError,
                replyBlocked, composer.row, noteComposer);
        setFlexGrow(1, thread);
        renderHeader();
        renderThread();
    }

    private void refreshHeader() {
        header = conversations.header(conversationId);
        renderHeader();
    }

    /** Shows what may change while the conversation is open: opt-out, flags, whether replies can go out. */
    private void renderHeader() {
        title.show(header);
        assignment.show(header);
        banner.removeAll();
        banner.setVisible(header.attention() != null);
        if (header.attention() != null) {
            Span why = new Span(header.attentionReason());
            why.setId("attention-reason");
            Button handled = new Button("Mark handled", e -> {
                conversations.markHandled(me, conversationId);
                refreshHeader();
            });
            handled.setId("attention-handled");
            handled.addThemeVariants(ButtonVariant.TERTIARY);
            banner.add(why, handled);
        }
        composer.show(header);
    }

    private void renderThread() {
        messages.render();
    }

    void onPatientSaved(Runnable listener) {
        this.patientSaved = listener;
    }

    long conversationId() {
        return conversationId;
    }

    /** Called when something changed in this conversation: shows it, and marks it seen. */
    void refresh(boolean inbound) {
        if (inbound) {
            conversations.markSeen(me, conversationId);
        }
        refreshHeader();
        tags.refresh(); // a colleague may have tagged it
        if (inbound) {
            messages.showNewest();
        } else {
            renderThread();
        }
    }

    /** Shows a message (a mentioning note, when opened from the bell), marked and scrolled to. */
    void showMessage(long messageId) {
        messages.showMessage(messageId);
    }

    /** The message marked by {@link #showMessage}, if any. */
    Optional<Long> shownMessage() {
        return messages.shownMessage();
    }
}

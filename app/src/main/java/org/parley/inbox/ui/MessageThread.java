package org.parley.inbox.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.parley.chart.ui.ChartActions;
import org.parley.conversation.ConversationService;
import org.parley.conversation.Direction;
import org.parley.conversation.MessageView;
import org.parley.line.LineTypes;

/**
 * The thread of an opened conversation: the newest page of messages, earlier pages on demand, and the message opened
 * from the mention bell marked and scrolled to. The panel places {@link #earlier} above {@link #thread}.
 */
class MessageThread {

    static final int PAGE = 50;

    final Div thread = new Div();
    final Button earlier = new Button("Show earlier messages");
    private final ConversationService conversations;
    private final long conversationId;
    private final ChartActions chart;
    private final MessageActions actions;
    private MessageBubbles bubbleMaker;
    private int shown = PAGE;
    /** The drawn messages' bubbles by message id. */
    private final Map<Long, Div> bubbles = new HashMap<>();
    /** The message opened from the bell, until something newer is written or arrives. */
    private Long shownMessageId;

    MessageThread(ConversationService conversations, long conversationId, ChartActions chart, MessageActions actions) {
        this.conversations = conversations;
        this.conversationId = conversationId;
        this.chart = chart;
        this.actions = actions;
        thread.addClassName("thread");
        thread.setId("thread");
        earlier.setId("show-earlier");
        earlier.addThemeVariants(ButtonVariant.TERTIARY);
        earlier.addClickListener(e -> {
            shown += PAGE;
            render();
        });
    }

    /** How messages are drawn; set once, before the first {@link #render}. */
    void drawWith(MessageBubbles bubbleMaker) {
        this.bubbleMaker = bubbleMaker;
    }

    /** Something new was written or arrived: the thread returns to its newest message. */
    void showNewest() {
        shownMessageId = null;
        render();
    }

    void render() {
        List<MessageView> messages = conversations.thread(conversationId, 0, shown);
        // Looked up once per render, not once per message.
        actions.beforeDrawing(messages.stream().anyMatch(m -> m.direction() == Direction.INBOUND
                || m.direction() == Direction.VOICEMAIL) ? conversations.familyElsewhere(conversationId) : List.of());
        String callerType = messages.stream().anyMatch(m -> m.direction() == Direction.VOICEMAIL)
                ? LineTypes.describe(conversations.contactLineType(conversationId)) : null;
        earlier.setVisible(conversations.countMessages(conversationId) > shown);
        thread.removeAll();
        chart.showing(messages);
        bubbles.clear();
        messages.forEach(m -> {
            Div bubble = bubbleMaker.bubble(m, callerType);
            bubbles.put(m.id(), bubble);
            if (shownMessageId != null && m.id() == shownMessageId) {
                bubble.addClassName("shown-message");
            }
            thread.add(chart.decorate(bubble, m));
        });
        // Stays at the message opened from the bell while the thread is redrawn (e.g. as its mention is read).
        scrollThread(shownMessageId);
    }

    /**
     * Shows the newest message, or {@code messageId}'s (a mentioning note) a third down the thread. Placed again
     * while the page settles (for about two seconds): a page opened by its link or reloaded lays the thread out after
     * this first runs, when the thread has no height of its own yet and every message fits.
     */
    private void scrollThread(Long messageId) {
        thread.getElement().executeJs("""
                const thread = this;
                const place = () => {
                    const target = $0 == null ? null : thread.querySelector('[data-message="' + $0 + '"]');
                    thread.scrollTop = target == null ? thread.scrollHeight
                        : target.getBoundingClientRect().top - thread.getBoundingClientRect().top + thread.scrollTop
                            - thread.clientHeight / 3;
                };
                place();
                requestAnimationFrame(place);
                if (thread.$settling) {
                    thread.$settling.disconnect();
                }
                const settling = new ResizeObserver(place);
                settling.observe(thread);
                thread.$settling = settling;
                setTimeout(() => settling.disconnect(), 2000);
                """, messageId == null ? null : String.valueOf(messageId));
    }

    /**
     * Shows a message (a mentioning note, when opened from the bell): earlier pages are drawn until it is among them,
     * it is marked, and the thread is scrolled to it.
     */
    void showMessage(long messageId) {
        long total = conversations.countMessages(conversationId);
        shownMessageId = messageId;
        while (!bubbles.containsKey(messageId) && shown < total) {
            shown += PAGE;
            render();
        }
        if (bubbles.containsKey(messageId)) {
            render();
        } else {
            shownMessageId = null;
        }
    }

    /** The message marked by {@link #showMessage}, if any. */
    Optional<Long> shownMessage() {
        return bubbles.entrySet().stream().filter(e -> e.getValue().hasClassName("shown-message"))
                .map(Map.Entry::getKey).findFirst();
    }
}

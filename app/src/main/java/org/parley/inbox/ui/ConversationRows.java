package org.parley.inbox.ui;

import com.vaadin.flow.data.renderer.LitRenderer;
import java.time.Clock;
import org.parley.conversation.Attention;
import org.parley.conversation.ConversationStatus;
import org.parley.inbox.ConversationRow;

/** How a row of the conversation list looks. */
final class ConversationRows {

    private ConversationRows() {
    }

    /**
     * One row of the list, drawn in the browser from a few values (a Lit template, not server-side components): every
     * open screen redraws its visible rows whenever conversations change, so a row costs the server a handful of
     * strings.
     */
    static LitRenderer<ConversationRow> renderer(Clock clock) {
        return RowTagsAndWait.withProperties(LitRenderer.<ConversationRow>of("""
                        <div class="conversation-row ${item.unseen ? 'unread' : ''}" data-conversation="${item.id}">\
                        <div class="who"><span>\
                        <span class="unread-dot" title="New patient message" ?hidden="${!item.unseen}"></span>\
                        <span class="name">${item.name}</span>\
                        <span class="attention" ?hidden="${!item.flag}">${item.flag}</span>\
                        </span><span class="time">${item.time}</span></div>\
                        <span class="preview">${item.preview}</span>\
                        <div class="badges">\
                        <span class="assignment-badge" ?hidden="${!item.assignment}">${item.assignment}</span>\
                        <span class="closed-badge" ?hidden="${!item.closed}">Closed</span>\
                        """ + RowTagsAndWait.TEMPLATE + """
                        </div></div>""")
                .withProperty("id", ConversationRow::id)
                .withProperty("unseen", ConversationRow::unseen)
                .withProperty("name", ConversationRow::contactName)
                .withProperty("flag", row -> row.attention() == null ? ""
                        : row.attention() == Attention.DELIVERY_FAILED ? "Not delivered"
                        : "Possible opt-out")
                .withProperty("time", row -> TimeFormat.of(row.lastActivityAt(), clock))
                .withProperty("preview", ConversationRow::preview)
                .withProperty("assignment", ConversationRow::assignment)
                .withProperty("closed", row -> row.status() == ConversationStatus.CLOSED));
    }
}

package org.parley.inbox.ui;

import com.vaadin.flow.data.renderer.LitRenderer;
import java.time.Duration;
import org.parley.escalation.Wait;
import org.parley.inbox.ConversationRow;
import org.parley.tag.Tag;

/**
 * The parts of a conversation's row about its tags and the patient's wait: the row's Lit template gets up to
 * {@value #SLOTS} tag chips in their colours (then "+n") and "Waiting 45 min", marked once past the list's goal.
 */
final class RowTagsAndWait {

    static final int SLOTS = 3;

    /**
     * The template of the parts, placed in the row's badges line. Styled inline: the frontend module's stylesheet is
     * a shared artefact of the build.
     */
    static final String TEMPLATE = """
            <span class="tag-chips">\
            <span class="tag-chip" ?hidden="${!item.tag0}" style="CHIP;background:${item.tag0bg}">${item.tag0}</span>\
            <span class="tag-chip" ?hidden="${!item.tag1}" style="CHIP;background:${item.tag1bg}">${item.tag1}</span>\
            <span class="tag-chip" ?hidden="${!item.tag2}" style="CHIP;background:${item.tag2bg}">${item.tag2}</span>\
            <span class="tag-more" ?hidden="${!item.tagMore}" style="font-size:0.7em">${item.tagMore}</span>\
            </span>\
            <span class="waiting ${item.overdue ? 'overdue' : ''}" ?hidden="${!item.waiting}" \
            title="${item.waitingTitle}" \
            style="font-size:0.7em;${item.overdue ? 'color:var(--lumo-error-text-color);font-weight:600' : ''}">\
            ${item.waiting}</span>""".replace("CHIP",
            "font-size:0.7em;border-radius:999px;padding:0 0.4em;margin-right:0.2em;color:#1f2933");

    private RowTagsAndWait() {
    }

    /** Adds the parts' values to the row's renderer. */
    static LitRenderer<ConversationRow> withProperties(LitRenderer<ConversationRow> renderer) {
        for (int i = 0; i < SLOTS; i++) {
            int slot = i;
            renderer.withProperty("tag" + slot, row -> row.tags().size() > slot ? row.tags().get(slot).name() : "")
                    .withProperty("tag" + slot + "bg", row -> row.tags().size() > slot
                            ? row.tags().get(slot).colour().background() : "");
        }
        return renderer
                .withProperty("tagMore", row -> row.tags().size() > SLOTS ? "+" + (row.tags().size() - SLOTS) : "")
                .withProperty("waiting", row -> waiting(row.waiting()))
                .withProperty("overdue", row -> row.waiting() != null && row.waiting().overdue())
                .withProperty("waitingTitle", row -> title(row.waiting()));
    }

    /** "Waiting 45 min", "Waiting 2 h 5 min", "Waiting 3 d 1 h" (office hours); empty when nobody waits. */
    static String waiting(Wait wait) {
        if (wait == null) {
            return "";
        }
        return "Waiting " + duration(wait.waited()) + (wait.overdue() ? " · past goal" : "");
    }

    private static String title(Wait wait) {
        if (wait == null) {
            return "";
        }
        return "The patient has waited " + duration(wait.waited()) + " of office hours for a staff answer"
                + (wait.goal() == null ? "" : "; the list's goal is " + duration(wait.goal()));
    }

    static String duration(Duration d) {
        long minutes = d.toMinutes();
        if (minutes < 60) {
            return minutes + " min";
        }
        long hours = minutes / 60;
        if (hours < 24) {
            return hours + " h" + (minutes % 60 == 0 ? "" : " " + minutes % 60 + " min");
        }
        return hours / 24 + " d" + (hours % 24 == 0 ? "" : " " + hours % 24 + " h");
    }

    /** The tags' names, for tests and the row's text alike. */
    static String names(ConversationRow row) {
        return String.join(", ", row.tags().stream().map(Tag::name).toList());
    }
}

package org.parley.inbox.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.parley.inbox.Inbox;
import org.parley.inbox.InboxCount;
import org.parley.inbox.InboxService;
import org.parley.inbox.Reading;
import org.parley.lists.InboxListSummary;
import org.parley.lists.ListService;
import org.parley.security.StaffDirectory;
import org.parley.security.StaffMember;

/**
 * The inbox views a staff member works in, each with a live count: My inbox, each of their lists, All open, Closed,
 * BLOCKED (admins), and a colleague's inbox chosen by name.
 */
class InboxNavigation extends Div {

    /** A view and the name it goes by. */
    record Choice(String key, String name, Inbox inbox) {
    }

    private final InboxService inboxes;
    private final StaffMember me;
    private final Consumer<Choice> onChoose;
    final Map<String, Button> buttons = new LinkedHashMap<>();
    private final List<Choice> choices = new ArrayList<>();
    final ComboBox<StaffMember> colleague = new ComboBox<>();
    private Choice current;
    private Instant closedCountedAt = Instant.MIN;
    private final Clock clock;
    private final Map<Inbox, InboxCount> lastCounts = new HashMap<>();

    InboxNavigation(InboxService inboxes, ListService lists, StaffDirectory staff, StaffMember me,
                    Consumer<Choice> onChoose, Clock clock) {
        this.inboxes = inboxes;
        this.clock = clock;
        this.me = me;
        this.onChoose = onChoose;
        setId("inbox-views");
        addClassName("inbox-views");
        choices.add(new Choice("mine", "My inbox", new Inbox.Mine()));
        for (InboxListSummary list : lists.listsOf(me.id())) {
            choices.add(new Choice("list-" + list.id(), list.name(), new Inbox.OfList(list.id())));
        }
        choices.add(new Choice("all", "All open", new Inbox.AllOpen()));
        choices.add(new Choice("closed", "Closed", new Inbox.Closed()));
        if (me.isAdmin()) {
            choices.add(new Choice("blocked", "BLOCKED", new Inbox.Blocked()));
        }
        for (Choice choice : choices) {
            add(button(choice));
        }
        colleague.setId("colleague-inbox");
        colleague.setPlaceholder("A colleague's inbox…");
        colleague.setClearButtonVisible(true);
        colleague.setItems(query -> staff.searchActive(query.getFilter().orElse(""), query.getOffset(),
                query.getLimit()).stream().filter(s -> s.id() != me.id()));
        colleague.setItemLabelGenerator(StaffMember::displayName);
        colleague.setWidthFull();
        colleague.addValueChangeListener(e -> {
            if (e.isFromClient() && e.getValue() != null) {
                StaffMember who = e.getValue();
                choose(new Choice("staff-" + who.id(), who.displayName() + "'s inbox", new Inbox.OfColleague(who.id())));
            }
        });
        add(colleague);
    }

    private Button button(Choice choice) {
        Button button = new Button(choice.name(), e -> choose(choice));
        button.addThemeVariants(ButtonVariant.TERTIARY);
        button.addClassName("inbox-view");
        button.getElement().setAttribute("data-view", choice.key());
        buttons.put(choice.key(), button);
        return button;
    }

    /** The view a key names ("mine", "all", "list-3", "staff-7"…), or All open for an unknown key. */
    Choice choiceFor(String key) {
        if (key != null && key.startsWith("staff-")) {
            try {
                long id = Long.parseLong(key.substring(6));
                return new Choice(key, "Colleague's inbox", new Inbox.OfColleague(id));
            } catch (NumberFormatException ignored) {
                // an unknown key shows All open
            }
        }
        return choices.stream().filter(c -> c.key().equals(key)).findFirst()
                .orElseGet(() -> choices.stream().filter(c -> c.key().equals("all")).findFirst().orElseThrow());
    }

    void choose(Choice choice) {
        current = choice;
        buttons.values().forEach(b -> b.removeClassName("selected"));
        Button selected = buttons.get(choice.key());
        if (selected != null) {
            selected.addClassName("selected");
            colleague.clear();
        }
        onChoose.accept(choice);
    }

    Choice current() {
        return current;
    }

    /**
     * Updates every count: total, and unread in bold. Closed holds nearly every conversation a practice ever had and
     * changes only when one is closed or reopened: every open tab recounting it on each new message would cost the
     * database most of its time, so it is recounted at most once a minute (and when chosen).
     */
    void refreshCounts() {
        refreshCounts(Reading.FRESH);
    }

    /** Updates every count, for a person's own action or for a batch of live updates ({@code reading}). */
    void refreshCounts(Reading reading) {
        Instant now = clock.instant();
        boolean countClosed = now.isAfter(closedCountedAt.plusSeconds(60)) || current != null
                && current.inbox() instanceof Inbox.Closed;
        List<Inbox> counted = choices.stream().map(Choice::inbox)
                .filter(inbox -> countClosed || !(inbox instanceof Inbox.Closed)).toList();
        if (countClosed) {
            closedCountedAt = now;
        }
        Map<Inbox, InboxCount> counts = inboxes.counts(me, counted, reading);
        lastCounts.putAll(counts);
        for (Choice choice : choices) {
            InboxCount count = counts.get(choice.inbox());
            if (count == null) {
                continue;
            }
            Button button = buttons.get(choice.key());
            Span badge = new Span(choice.inbox() instanceof Inbox.Closed ? String.valueOf(count.total())
                    : count.unread() > 0 ? count.unread() + " / " + count.total() : String.valueOf(count.total()));
            badge.addClassName("count");
            if (count.unread() > 0 && !(choice.inbox() instanceof Inbox.Closed)) {
                badge.addClassName("has-unread");
                badge.getElement().setAttribute("title", count.unread() + " unread of " + count.total());
            }
            button.setSuffixComponent(badge);
        }
    }

    /** The count of a view as last shown, if it was counted since this screen opened. */
    Optional<InboxCount> lastCount(Inbox inbox) {
        return Optional.ofNullable(lastCounts.get(inbox));
    }
}

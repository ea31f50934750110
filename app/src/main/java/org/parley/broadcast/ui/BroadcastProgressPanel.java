package org.parley.broadcast.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.parley.broadcast.BroadcastProgress;
import org.parley.broadcast.BroadcastState;
import org.parley.broadcast.Broadcasts;
import org.parley.broadcast.SkipKind;
import org.parley.security.web.CurrentStaff;

/**
 * One broadcast's progress as the database has it (what every node did): sent, delivered, failed, skipped, waiting
 * for quiet hours to end and still queued, with pause, resume and cancel; its report once it is over.
 */
class BroadcastProgressPanel extends VerticalLayout {

    private final Broadcasts broadcasts;
    private final CurrentStaff currentStaff;
    /** Where a refusal is shown: the page's one message line. */
    private final Consumer<String> say;
    /** Run after pause, resume or cancel: the page's list of broadcasts shows the new state. */
    private final Runnable changed;

    final H3 title = new H3();
    final ProgressBar bar = new ProgressBar();
    final Span text = new Span();
    final Span failures = new Span();
    final Button pause = new Button("Pause");
    final Button resume = new Button("Resume");
    final Button cancel = new Button("Cancel broadcast");

    private Long shown;

    BroadcastProgressPanel(Broadcasts broadcasts, CurrentStaff currentStaff, Consumer<String> say, Runnable changed) {
        this.broadcasts = broadcasts;
        this.currentStaff = currentStaff;
        this.say = say;
        this.changed = changed;
        title.setId("broadcast-progress-title");
        bar.setId("broadcast-progress-bar");
        text.setId("broadcast-progress");
        failures.setId("broadcast-failures");
        pause.setId("broadcast-pause");
        resume.setId("broadcast-resume");
        cancel.setId("broadcast-cancel");
        cancel.addThemeVariants(ButtonVariant.ERROR);
        pause.addClickListener(e -> act(() -> broadcasts.pause(currentStaff.get(), shown)));
        resume.addClickListener(e -> act(() -> broadcasts.resume(currentStaff.get(), shown)));
        cancel.addClickListener(e -> act(() -> broadcasts.cancel(currentStaff.get(), shown)));
        add(title, bar, text, failures, new HorizontalLayout(pause, resume, cancel));
        setVisible(false);
        setPadding(false);
    }

    /** The reasons patients were skipped and how many each, in a sentence. */
    static String describe(Map<SkipKind, Long> skipped) {
        return skipped.isEmpty() ? "Nobody is skipped." : "Skipped: " + skipped.entrySet().stream()
                .map(e -> String.format(Locale.US, "%s %,d", e.getKey().label(), e.getValue()))
                .collect(Collectors.joining(", ")) + ".";
    }

    private void act(Runnable action) {
        try {
            action.run();
            say.accept("");
        } catch (IllegalStateException refused) {
            say.accept(refused.getMessage());
        }
        refresh();
        changed.run();
    }

    /** Shows a broadcast's progress (or its report, once it is over). */
    void show(long broadcastId) {
        shown = broadcastId;
        setVisible(true);
        refresh();
    }

    /** Reads the shown broadcast's progress again (the page calls it every two seconds while open). */
    void refresh() {
        if (shown == null) {
            return;
        }
        BroadcastProgress p = broadcasts.progress(shown);
        boolean over = p.state() == BroadcastState.DONE || p.state() == BroadcastState.CANCELLED;
        title.setText(p.name() + ": " + switch (p.state()) {
            case DRAFT -> "not sent yet";
            case SENDING -> "sending";
            case PAUSED -> "paused";
            case CANCELLED -> "cancelled (report)";
            case DONE -> "all queued (report)";
        });
        bar.setValue(p.total() == 0 ? 1 : (double) p.finished() / p.total());
        text.setText(String.format(Locale.US, "%,d recipients: sent %,d, delivered %,d, failed %,d, "
                        + "skipped %,d, waiting %,d, in the queue %,d%s. %s", p.total(), p.sent(), p.delivered(),
                p.failed(), p.skippedTotal(), p.waiting(), p.inQueue(),
                p.cancelled() == 0 ? "" : String.format(Locale.US, ", not sent (cancelled) %,d", p.cancelled()),
                describe(p.skipped())));
        failures.setText(p.failures().isEmpty() ? "" : "Failed: " + p.failures().entrySet().stream()
                .map(e -> e.getKey() + " (" + e.getValue() + ")").collect(Collectors.joining("; ")));
        pause.setEnabled(p.state() == BroadcastState.SENDING);
        resume.setEnabled(p.state() == BroadcastState.PAUSED);
        cancel.setEnabled(!over);
    }
}

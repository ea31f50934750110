package org.parley.inbox.ui;

import static com.github.mvysny.kaributesting.v10.GridKt._fetch;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;

import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.server.VaadinSession;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.parley.inbox.ConversationRow;
import org.parley.security.Role;
import org.parley.security.StaffFixtures;
import org.parley.testsupport.KaribuTest;
import org.springframework.context.ApplicationContext;

/**
 * Staff with the inbox open: each screen is a different staff member (as in a practice, so nothing is shared because
 * two screens are one person's) in a browser session of their own (Karibu, on a thread of its own, as a browser is),
 * on All open, making a round trip when the server pushed something (within 10 ms), as a browser does.
 * On request each reads what its list shows, the whole list.
 */
final class OpenInboxes implements AutoCloseable {

    private final List<Screen> screens = new ArrayList<>();

    OpenInboxes(ApplicationContext context, int count) {
        CountDownLatch open = new CountDownLatch(count);
        StaffFixtures staff = context.getBean(StaffFixtures.class);
        for (int i = 0; i < count; i++) {
            String username = "open-inbox-" + i;
            staff.account(username, "Staff Member " + i, "a long enough password", Role.STAFF);
            Screen screen = new Screen(context, username, "STAFF", open);
            screens.add(screen);
            screen.thread = Thread.ofPlatform().name("open-inbox-" + i).daemon().start(screen::run);
        }
        try {
            if (!open.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the inboxes did not open within 60 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        screens.forEach(screen -> {
            if (screen.failure != null) {
                throw new IllegalStateException("an inbox failed to open", screen.failure);
            }
        });
    }

    /**
     * What every screen's list shows now (preview by conversation id), read after its latest round trip; waits at most
     * {@code timeout} for each screen to read it.
     */
    List<Map<Long, String>> showing(Duration timeout) {
        return showing(timeout, 100_000);
    }

    /**
     * What each screen's browser shows on top of its list right now (preview by conversation id): the rows the server
     * last sent it, as pushed live updates left them, without asking the list for anything new (no round trip).
     */
    List<Map<Long, String>> onTop(Duration timeout, int rows) {
        return showing(timeout, -rows);
    }

    private List<Map<Long, String>> showing(Duration timeout, int rows) {
        screens.forEach(screen -> {
            screen.readLimit = rows;
            screen.readRequested = new CountDownLatch(1);
        });
        List<Map<Long, String>> shown = new ArrayList<>();
        for (Screen screen : screens) {
            try {
                screen.readRequested.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            shown.add(screen.shown);
        }
        return shown;
    }

    @Override
    public void close() {
        screens.forEach(screen -> screen.running = false);
        screens.forEach(screen -> {
            try {
                screen.thread.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    private static final class Screen {

        private final ApplicationContext context;
        private final String username;
        private final String role;
        private final CountDownLatch open;
        private Thread thread;
        private volatile boolean running = true;
        private volatile Throwable failure;
        private volatile CountDownLatch readRequested;
        private volatile Map<Long, String> shown = Map.of();
        private volatile int readLimit = 100_000;

        Screen(ApplicationContext context, String username, String role, CountDownLatch open) {
            this.context = context;
            this.username = username;
            this.role = role;
            this.open = open;
        }

        void run() {
            InboxView inbox;
            try {
                KaribuTest.mockVaadin(context);
                KaribuTest.loginAs(context, username, role);
                UI.getCurrent().navigate("");
                inbox = _get(InboxView.class);
                // As the browser's grid asks: the first page of rows, kept up to date by the server from now on.
                inbox.list.getDataCommunicator().setRequestedRange(0, 50);
                KaribuTest.roundtrip();
            } catch (Throwable failed) {
                failure = failed;
                return;
            } finally {
                open.countDown();
            }
            try {
                VaadinSession session = VaadinSession.getCurrent();
                while (running) {
                    // As a browser does: a round trip when the server pushed something, otherwise nothing.
                    if (!session.getPendingAccessQueue().isEmpty()) {
                        KaribuTest.roundtrip();
                    }
                    CountDownLatch read = readRequested;
                    if (read != null && read.getCount() > 0) {
                        Map<Long, String> rows = new HashMap<>();
                        if (readLimit < 0) {
                            for (int i = 0; i < -readLimit; i++) {
                                ConversationRow row = sentToBrowser(inbox, i);
                                if (row != null) {
                                    rows.put(row.id(), row.preview());
                                }
                            }
                        } else {
                            KaribuTest.roundtrip();
                            for (ConversationRow row : _fetch(inbox.list, 0, readLimit)) {
                                rows.put(row.id(), row.preview());
                            }
                        }
                        shown = rows;
                        read.countDown();
                    }
                    Thread.sleep(10);
                }
            } catch (InterruptedException stopped) {
                Thread.currentThread().interrupt();
            } finally {
                MockVaadin.tearDown();
            }
        }
    }

    /** The row the server last sent the browser at this position of the list, or null. */
    private static ConversationRow sentToBrowser(InboxView inbox, int index) {
        try {
            return inbox.list.getDataCommunicator().getItem(index);
        } catch (IndexOutOfBoundsException | IllegalStateException notSent) {
            return null;
        }
    }
}

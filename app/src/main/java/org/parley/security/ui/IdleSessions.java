package org.parley.security.ui;

import com.vaadin.flow.component.ComponentUtil;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.server.CustomizedSystemMessages;
import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinServiceInitListener;
import com.vaadin.flow.server.VaadinSession;
import com.vaadin.flow.server.WrappedSession;
import com.vaadin.flow.spring.security.AuthenticationContext;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.parley.security.settings.SessionSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Automatic logoff as a person sees it (HIPAA 164.312(a)(2)(iii)): a signed-in session that nobody uses, in any of
 * its tabs, gets a warning in every tab shortly before the idle timeout; using Parley in any tab (a click or a key
 * press anywhere, "Stay signed in" included) closes it everywhere; at the timeout every tab is sent to a static
 * signed-out page, then the session ends ({@code LOGOFF_IDLE} in the audit log through {@code SecurityAudit}).
 *
 * <p>Use is what a person does, not what the browser does by itself: heartbeats, pushed updates and the data
 * requests a pushed update causes do not count. A session's last use is shared by its tabs; the server checks every
 * second and pushes the warning, so no script of Parley's runs in the browser. Vaadin's own idle closing and the
 * servlet session timeout stay as the backstop for a browser that was closed.
 */
@Component
class IdleSessions implements VaadinServiceInitListener {

    /** Where signed-out tabs go: static, so it needs no session and shows no data. */
    static final String SIGNED_OUT_PAGE = "parley/signed-out.html";
    private static final Logger log = LoggerFactory.getLogger(IdleSessions.class);

    /** The last use of one session, shared by its tabs. */
    private static final class LastUse {
        volatile Instant at;
        volatile boolean warned;

        LastUse(Instant at) {
            this.at = at;
        }
    }

    private final Map<VaadinSession, LastUse> sessions = new ConcurrentHashMap<>();
    private final AuthenticationContext authentication;
    private final Clock clock;
    private final IdleTimer timer;
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "parley-idle-sessions");
        thread.setDaemon(true);
        return thread;
    });

    IdleSessions(AuthenticationContext authentication, Clock clock, SessionSettings settings) {
        this.authentication = authentication;
        this.clock = clock;
        this.timer = new IdleTimer(settings.idleTimeout(), settings.idleWarning());
        ticker.scheduleWithFixedDelay(this::tick, 1, 1, TimeUnit.SECONDS);
    }

    @PreDestroy
    void stop() {
        ticker.shutdownNow();
    }

    @Override
    public void serviceInit(ServiceInitEvent event) {
        // A tab that learns on its own that its session ended (it was closed, asleep or offline when the others
        // were sent away) goes to the same page, instead of reloading into the login.
        CustomizedSystemMessages messages = new CustomizedSystemMessages();
        messages.setSessionExpiredURL(SIGNED_OUT_PAGE);
        messages.setSessionExpiredNotificationEnabled(false);
        event.getSource().setSystemMessagesProvider(info -> messages);
        event.getSource().addUIInitListener(init -> {
            if (authentication.isAuthenticated()) {
                watch(init.getUI());
            }
        });
        event.getSource().addSessionDestroyListener(destroyed -> sessions.remove(destroyed.getSession()));
    }

    /** Counts what a person does in this tab as use of its session; opening the tab is use too. */
    private void watch(UI ui) {
        VaadinSession session = ui.getSession();
        sessions.computeIfAbsent(session, s -> new LastUse(clock.instant()));
        used(session);
        int throttle = timer.activityThrottleMillis();
        // allowInert: a modal dialog (the warning itself) makes the page inert, and use must still count.
        for (String event : new String[] {"pointerdown", "keydown"}) {
            ui.getElement().addEventListener(event, e -> used(session)).throttle(throttle).allowInert();
        }
        ui.addAfterNavigationListener(e -> used(session));
    }

    /** Use of a session (its lock held): the timer starts again and a warning closes in every tab. */
    void used(VaadinSession session) {
        LastUse lastUse = sessions.get(session);
        if (lastUse == null) {
            return;
        }
        lastUse.at = clock.instant();
        if (lastUse.warned) {
            lastUse.warned = false;
            for (UI ui : session.getUIs()) {
                IdleWarningDialog warning = ComponentUtil.getData(ui, IdleWarningDialog.class);
                if (warning != null) {
                    warning.close();
                }
            }
        }
    }

    void tick() {
        for (Map.Entry<VaadinSession, LastUse> entry : sessions.entrySet()) {
            try {
                check(entry.getKey(), entry.getValue());
            } catch (RuntimeException e) {
                log.warn("Idle check of a session failed: {}", e.getClass().getSimpleName());
            }
        }
    }

    private void check(VaadinSession session, LastUse lastUse) {
        switch (timer.at(lastUse.at, clock.instant())) {
            case IdleTimer.Active active -> {
            }
            case IdleTimer.Warning warning -> session.access(() -> warn(session, lastUse, warning.secondsLeft()));
            case IdleTimer.SignOut signOut -> signOut(session);
        }
    }

    private void warn(VaadinSession session, LastUse lastUse, long secondsLeft) {
        if (!(timer.at(lastUse.at, clock.instant()) instanceof IdleTimer.Warning)) {
            return;
        }
        lastUse.warned = true;
        for (UI ui : session.getUIs()) {
            // Each tab as its current UI: a dialog opens in the current UI.
            ui.accessSynchronously(() -> {
                IdleWarningDialog dialog = ComponentUtil.getData(ui, IdleWarningDialog.class);
                if (dialog == null) {
                    dialog = new IdleWarningDialog(() -> used(session));
                    ComponentUtil.setData(ui, IdleWarningDialog.class, dialog);
                }
                dialog.showSecondsLeft(secondsLeft);
                if (!dialog.isOpened()) {
                    dialog.open();
                }
            });
        }
    }

    /** Every tab leaves for the signed-out page (pushed while the session still exists), then the session ends. */
    private void signOut(VaadinSession session) {
        if (sessions.remove(session) == null) {
            return;
        }
        session.accessSynchronously(() -> SignOutEveryTab.leave(session, null));
        WrappedSession http = session.getSession();
        if (http != null) {
            try {
                http.invalidate();
            } catch (IllegalStateException alreadyEnded) {
                // ended meanwhile (log out, container timeout): nothing left to end
            }
        }
    }
}

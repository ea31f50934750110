package org.parley.security.web;

import com.vaadin.flow.server.VaadinSession;
import org.parley.security.SessionAccess;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.stereotype.Component;

/**
 * Who may be shown patients' data: a signed-in session with the STAFF or ADMIN role, for an account that is active.
 *
 * <p>Services that show PHI carry {@code @PreAuthorize("@staffAccess.permitsPhi()")} (class level). The check applies
 * to calls made for a person's browser session, a click or a pushed refresh of an open tab alike (Vaadin's session is
 * current there, and the session's sign-in is the one checked); the app's own work (a webhook's intake, the queues'
 * threads, the jobs) has no browser session and is not refused. A session whose account was deactivated loses its
 * sign-in ({@link SessionAccess}), so its tabs get nothing, even a refresh already under way. Decisions on the admin
 * role read the account as it is now ({@link org.parley.security.StaffDirectory#isAdminNow}), not a screen's copy of
 * the member.
 */
@Component("staffAccess")
public class StaffAccess {

    /** The page an open tab goes to when its person may no longer see an admin page (no data on it). */
    public static final String ADMINS_ONLY_PAGE = "administrators-only";

    private final SecurityContextHolderStrategy holder;

    StaffAccess(SecurityContextHolderStrategy holder) {
        this.holder = holder;
    }

    /** Whether the current call may be shown patients' data (for {@code @PreAuthorize}). */
    public boolean permitsPhi() {
        if (VaadinSession.getCurrent() == null) {
            return true;
        }
        return SessionAccess.mayWork(holder.getContext().getAuthentication());
    }
}

package org.parley.security;

import com.vaadin.flow.spring.security.AuthenticationContext;
import org.springframework.stereotype.Component;

/** The staff member using this browser session. */
@Component
public class CurrentStaff {

    private final AuthenticationContext authentication;
    private final StaffDirectory directory;
    private final SecurityAudit audit;

    CurrentStaff(AuthenticationContext authentication, StaffDirectory directory, SecurityAudit audit) {
        this.authentication = authentication;
        this.directory = directory;
        this.audit = audit;
    }

    /**
     * The logged-in staff member.
     *
     * @throws IllegalStateException when nobody is logged in
     */
    public StaffMember get() {
        return authentication.getPrincipalName()
                .flatMap(directory::findByUsername)
                .orElseThrow(() -> new IllegalStateException("nobody is logged in"));
    }

    /** Logs the staff member out of this session (and every tab of it). */
    public void logout() {
        authentication.getPrincipalName().ifPresent(audit::loggedOut);
        com.vaadin.flow.server.VaadinSession session = com.vaadin.flow.server.VaadinSession.getCurrent();
        if (session != null && session.getSession() != null) {
            session.getSession().setAttribute(SecurityAudit.LOGGED_OUT, Boolean.TRUE);
        }
        authentication.logout();
    }
}

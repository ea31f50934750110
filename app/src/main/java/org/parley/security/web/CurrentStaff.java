package org.parley.security.web;

import com.vaadin.flow.spring.security.AuthenticationContext;
import org.parley.security.StaffDirectory;
import org.parley.security.StaffMember;
import org.springframework.stereotype.Component;

/** The staff member using this browser session. */
@Component
public class CurrentStaff {

    private final AuthenticationContext authentication;
    private final StaffDirectory directory;

    CurrentStaff(AuthenticationContext authentication, StaffDirectory directory) {
        this.authentication = authentication;
        this.directory = directory;
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
        // SecurityAudit, a logout handler of the security configuration, records it.
        authentication.logout();
    }
}

package org.parley.security;

/**
 * Something an admin may let staff do besides their role ({@link Permissions}); admins may do all of them. A session
 * holding one has the role authority {@link #role()}, so a page names it in {@code @RolesAllowed} next to ADMIN.
 */
public enum Permission {
    /** Prepare, send, pause, resume and cancel broadcasts (issue 17: "an admin, or a role an admin grants"). */
    SEND_BROADCASTS("send broadcasts");

    private final String label;

    Permission(String label) {
        this.label = label;
    }

    /** In staff's words, e.g. "send broadcasts". */
    public String label() {
        return label;
    }

    /** The role name a page's {@code @RolesAllowed} uses for it (the session's authority is {@code ROLE_} + it). */
    public String role() {
        return name();
    }
}

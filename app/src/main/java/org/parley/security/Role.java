package org.parley.security;

/** What a staff member may do. */
public enum Role {
    /** Manages users, lines, plugins and settings, besides everything staff do. */
    ADMIN,
    /** Works in the inbox. */
    STAFF
}

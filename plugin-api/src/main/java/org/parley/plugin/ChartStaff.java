package org.parley.plugin;

import java.util.Objects;

/**
 * A staff member of the practice, as named in a chart export.
 *
 * @param userName    the login name, unique in Parley
 * @param displayName the full name, e.g. "Dana Front"
 * @since 1.2.0
 */
public record ChartStaff(String userName, String displayName) {

    /** Checks both names are present. */
    public ChartStaff {
        Objects.requireNonNull(userName, "userName");
        Objects.requireNonNull(displayName, "displayName");
    }
}

package org.parley.testsupport;

import org.parley.security.Role;
import org.parley.security.StaffMember;

/**
 * Who acts, as a test names them when it calls a service as a staff member. The services read only the user name of
 * who acts (they write it to the audit log); whether the call is allowed is decided by the signed-in session, which a
 * test sets up on its own. A test that needs the stored account looks it up with {@code StaffDirectory} instead.
 */
public final class TestStaff {

    private TestStaff() {
    }

    /** The staff member with this user name, as the actor of a service call (no stored account behind it). */
    public static StaffMember named(String username) {
        return new StaffMember(0, username, username, Role.STAFF);
    }
}

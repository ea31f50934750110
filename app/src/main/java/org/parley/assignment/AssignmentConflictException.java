package org.parley.assignment;

/**
 * Someone else changed who holds a conversation since the staff member looked at it: nothing was changed, and the
 * message says who has it now (staff and list names only).
 */
public class AssignmentConflictException extends RuntimeException {

    AssignmentConflictException(String message) {
        super(message);
    }
}

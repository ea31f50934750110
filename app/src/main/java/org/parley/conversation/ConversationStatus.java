package org.parley.conversation;

/** Whether a conversation still needs the team. */
public enum ConversationStatus {
    /** Waiting for the team. */
    OPEN,
    /** Done; a new patient message reopens it. */
    CLOSED
}

package org.parley.conversation;

/** Which way a message went. */
public enum Direction {
    /** From the patient. */
    INBOUND,
    /** From the practice to the patient. */
    OUTBOUND,
    /** Internal note, never sent to the patient. */
    NOTE,
    /** A voicemail the patient left: internal, never sent to anyone. */
    VOICEMAIL,
    /** A line Parley writes into the thread ("opted out by replying STOP"); never sent. */
    SYSTEM
}

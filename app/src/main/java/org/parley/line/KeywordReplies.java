package org.parley.line;

/** Who answers STOP, START and HELP on a line, so the patient gets exactly one confirmation. */
public enum KeywordReplies {
    /** Parley sends the confirmation (the provider's own keyword replies are off). */
    PARLEY,
    /** The provider sends it (e.g. Twilio Advanced Opt-Out); Parley only records the change. */
    PROVIDER
}

package org.parley.compliance;

/** What a patient's text means for their consent to be texted. */
public enum Keyword {
    /** STOP, STOPALL, UNSUBSCRIBE, CANCEL, END, QUIT, REVOKE or OPTOUT: no more texts on this line. */
    OPT_OUT,
    /** START, YES or UNSTOP: texts may be sent again. */
    OPT_IN,
    /** HELP or INFO: answer with the practice's help text. */
    HELP,
    /** Reads like a wish to stop ("please stop texting me"): staff should look; nothing changes by itself. */
    POSSIBLE_OPT_OUT,
    /** An ordinary message. */
    NONE
}

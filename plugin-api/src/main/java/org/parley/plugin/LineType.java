package org.parley.plugin;

/** What kind of phone a number belongs to: only {@link #MOBILE} is known to receive texts. */
public enum LineType {
    /** A mobile phone: can receive texts. */
    MOBILE,
    /** A landline: cannot receive texts. */
    LANDLINE,
    /** A VoIP number: may or may not receive texts. */
    VOIP,
    /** A toll-free number. */
    TOLL_FREE,
    /** The provider could not tell. */
    UNKNOWN
}

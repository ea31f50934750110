package org.parley.plugin;

/** What a messaging provider can do, so the app can offer or refuse a feature before trying it. */
public enum Capability {
    /** Sends and receives text messages. */
    SMS,
    /** Sends and receives pictures and files with a message. */
    MMS,
    /** Answers calls and records voicemail. */
    VOICE,
    /** Tells whether a number is mobile, landline or VoIP. */
    LINE_TYPE_LOOKUP
}

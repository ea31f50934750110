package org.parley.conversation;

/** Why a conversation is flagged for staff. */
public enum Attention {
    /** A reply failed or was not delivered: call the patient or resend. */
    DELIVERY_FAILED,
    /** The patient's text reads like a wish to stop being texted. */
    POSSIBLE_OPT_OUT
}

package org.parley.plugin;

import java.util.Objects;

/**
 * What a provider knows of a message whose earlier send attempt has an unknown outcome (the app stopped, or the call
 * timed out, after the provider may have taken it): the answer of {@link MessagingProvider#findSent}. Twilio and
 * Vonage take no idempotency key, so the app asks before it sends such a message again.
 *
 * @since 1.3.0
 */
public sealed interface SentCheck {

    /** The provider has the message: the app records it as sent with this id and does not send it again. */
    record Found(String providerMessageId) implements SentCheck {
        /** Checks the id is present. */
        public Found {
            Objects.requireNonNull(providerMessageId, "providerMessageId");
        }
    }

    /** The provider certainly does not have the message: the app sends it. */
    record NotFound() implements SentCheck {
    }

    /**
     * The provider cannot tell (no lookup, or the lookup failed): the app sends nothing and shows staff the message
     * "may not have been sent", to check before resending.
     *
     * @param reason a sentence for the log and staff; never message text or a phone number
     */
    record Unknown(String reason) implements SentCheck {
        /** Checks the reason is present. */
        public Unknown {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** The provider has it, under this id. */
    static SentCheck found(String providerMessageId) {
        return new Found(providerMessageId);
    }

    /** The provider does not have it. */
    static SentCheck notFound() {
        return new NotFound();
    }

    /** The provider cannot tell, and why. */
    static SentCheck unknown(String reason) {
        return new Unknown(reason);
    }
}

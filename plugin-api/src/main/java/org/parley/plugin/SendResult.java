package org.parley.plugin;

import java.util.Objects;

/** What became of a send: accepted by the provider, or a failure that says whether trying again can help. */
public sealed interface SendResult {

    /** The provider took the message. */
    record Accepted(String providerMessageId) implements SendResult {
        /** Checks the id is present. */
        public Accepted {
            Objects.requireNonNull(providerMessageId, "providerMessageId");
        }
    }

    /**
     * The provider did not take the message.
     *
     * @param kind   why, in Parley's terms; decides whether the app retries
     * @param code   the provider's own error code, or {@code null}
     * @param reason a sentence a staff member can act on; never the message text or a phone number
     */
    record Failed(FailureKind kind, String code, String reason) implements SendResult {
        /** Checks the kind and reason are present. */
        public Failed {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(reason, "reason");
        }

        /** Whether sending again later may succeed. */
        public boolean retryable() {
            return kind == FailureKind.TEMPORARY;
        }
    }

    /** Why a send failed. Only {@link #TEMPORARY} is retried as it is; {@link #OUTCOME_UNKNOWN} after a check. */
    enum FailureKind {
        /** The provider is down, rate-limits us, or the network failed: try again later. */
        TEMPORARY,
        /** The recipient opted out of texts from this number (e.g. replied STOP). */
        RECIPIENT_OPTED_OUT,
        /** The number cannot receive texts, or does not exist. */
        INVALID_RECIPIENT,
        /** The provider refused the message itself (content, size, media type). */
        REJECTED,
        /** The line's settings are wrong (bad credentials, unknown sender number). */
        CONFIGURATION,
        /**
         * The provider may have taken the message: the call timed out, or the connection broke, after the request was
         * sent. Not retried blindly: the app asks {@link MessagingProvider#findSent} before it sends again. An app
         * older than 1.3.0 treats it as permanent (it never sends twice). Since 1.3.0.
         */
        OUTCOME_UNKNOWN
    }

    /** A message the provider accepted. */
    static SendResult accepted(String providerMessageId) {
        return new Accepted(providerMessageId);
    }

    /** A failure worth retrying later. */
    static SendResult temporaryFailure(String code, String reason) {
        return new Failed(FailureKind.TEMPORARY, code, reason);
    }

    /**
     * The call may have reached the provider (e.g. it timed out after the request was sent).
     *
     * @since 1.3.0
     */
    static SendResult outcomeUnknown(String reason) {
        return new Failed(FailureKind.OUTCOME_UNKNOWN, null, reason);
    }

    /** A failure that retrying will not fix. */
    static SendResult permanentFailure(FailureKind kind, String code, String reason) {
        if (kind == FailureKind.TEMPORARY) {
            throw new IllegalArgumentException("a temporary failure is not permanent");
        }
        return new Failed(kind, code, reason);
    }
}

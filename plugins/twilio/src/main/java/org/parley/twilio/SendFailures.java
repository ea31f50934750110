package org.parley.twilio;

import com.twilio.exception.ApiException;
import java.io.IOException;
import org.parley.plugin.SendResult;
import org.parley.plugin.SendResult.FailureKind;

/** What a Twilio error means for a message: who has to act, and whether sending again can help. */
final class SendFailures {

    static final String UNREACHABLE = "Twilio cannot be reached";
    static final String NO_ANSWER = "Twilio did not answer in time: the message may have been sent";

    private SendFailures() {
    }

    /** The failure a refused or broken Messages call stands for. */
    static SendResult of(ApiException e) {
        if (e.getCause() instanceof IOException) {
            // The SDK wraps every I/O failure so: one before the request left is worth a retry; after it (a read
            // time-out, a dropped answer) Twilio may have the message, and it is looked up before any retry.
            return TwilioProvider.neverLeft(e.getCause()) ? SendResult.temporaryFailure(null, UNREACHABLE)
                    : SendResult.outcomeUnknown(NO_ANSWER);
        }
        Integer code = e.getCode();
        Integer status = e.getStatusCode();
        String codeText = code == null ? null : code.toString();
        if (code != null) {
            switch (code) {
                case 21610 -> {
                    return permanent(FailureKind.RECIPIENT_OPTED_OUT, codeText,
                            "The patient has opted out of texts from this number (replied STOP)");
                }
                case 21211 -> {
                    return permanent(FailureKind.INVALID_RECIPIENT, codeText, "The number is not a valid phone number");
                }
                case 21614 -> {
                    return permanent(FailureKind.INVALID_RECIPIENT, codeText,
                            "The number is not a mobile number and cannot receive texts");
                }
                case 21612 -> {
                    return permanent(FailureKind.INVALID_RECIPIENT, codeText, "Twilio cannot reach this number by text");
                }
                case 20003 -> {
                    return permanent(FailureKind.CONFIGURATION, codeText,
                            "Twilio refused the credentials: check the line's Account SID and Auth Token");
                }
                case 20404 -> {
                    return permanent(FailureKind.CONFIGURATION, codeText,
                            "Twilio does not know this account: check the line's Account SID");
                }
                // the line's own number cannot send from this account
                case 21606, 21659, 21660 -> {
                    return permanent(FailureKind.CONFIGURATION, codeText,
                            "Twilio will not send from the line's number with this account (error " + code + ")");
                }
                default -> {
                    // decided by the HTTP status below
                }
            }
        }
        if (status == null) {
            return SendResult.temporaryFailure(codeText, "Twilio's answer could not be read");
        }
        if (status == 429 || status >= 500) {
            return SendResult.temporaryFailure(codeText,
                    status == 429 ? "Twilio asks to slow down (HTTP 429)" : "Twilio had a server error (HTTP " + status + ")");
        }
        if (status == 401 || status == 403) {
            return permanent(FailureKind.CONFIGURATION, codeText,
                    "Twilio refused the credentials (HTTP " + status + "): check the line's Account SID and Auth Token");
        }
        String said = Redaction.withoutPhoneNumbers(e.getMessage());
        return permanent(FailureKind.REJECTED, codeText, "Twilio refused the message: "
                + (said == null || said.isBlank() ? "HTTP " + status : said)
                + (code == null ? "" : " (error " + code + ")"));
    }

    private static SendResult permanent(FailureKind kind, String code, String reason) {
        return SendResult.permanentFailure(kind, code, reason);
    }
}

package org.parley.vonage;

import com.vonage.client.VonageApiResponseException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import org.parley.plugin.SendResult.FailureKind;
import org.parley.plugin.SendResult;

/**
 * What Vonage's refusals mean to Parley: a {@link SendResult} for a send, and a sentence for staff or an
 * admin. Vonage answers in RFC 7807 form (type, title, detail, invalid_parameters); whatever of it is shown
 * is redacted first, and the caller's secrets are never echoed.
 */
final class VonageErrors {

    /** A complaint about the recipient, where Vonage names no parameter. */
    private static final Pattern ABOUT_RECIPIENT = Pattern.compile(
            "`to`|'to'|\"to\"|\\bto number\\b|\\brecipient\\b|\\bdestination\\b|\\bmsisdn\\b",
            Pattern.CASE_INSENSITIVE);

    private VonageErrors() {
    }

    /** The send failure an HTTP error from the Messages API stands for. */
    static SendResult sendFailure(VonageApiResponseException e, String... secrets) {
        int status = e.getStatusCode();
        String code = code(e);
        String said = said(e, secrets);
        if (status == 401 || status == 403) {
            return SendResult.permanentFailure(FailureKind.CONFIGURATION, code,
                    "Vonage refused the line's application id or private key (HTTP " + status + ": " + said + ")");
        }
        if (status == 402) {
            return SendResult.permanentFailure(FailureKind.CONFIGURATION, code,
                    "the Vonage account cannot pay for the message (" + said + ")");
        }
        if (status == 429 || status >= 500 || status == 0) {
            return SendResult.temporaryFailure(code, "Vonage is busy or failing (HTTP " + status + ": " + said + ")");
        }
        if (status == 422 && names(e, "from")) {
            return SendResult.permanentFailure(FailureKind.CONFIGURATION, code,
                    "Vonage does not accept the line's number as the sender (" + said + ")");
        }
        if (status == 422 && (names(e, "to") || ABOUT_RECIPIENT.matcher(text(e)).find())) {
            return SendResult.permanentFailure(FailureKind.INVALID_RECIPIENT, code,
                    "Vonage says the recipient's number cannot receive texts (" + said + ")");
        }
        return SendResult.permanentFailure(FailureKind.REJECTED, code,
                "Vonage rejected the message (HTTP " + status + ": " + said + ")");
    }

    /** A send that never got an answer from Vonage: worth trying again. */
    static SendResult unreachable(RuntimeException e) {
        Throwable cause = e.getCause() == null ? e : e.getCause();
        if (!neverLeft(e) && lostAnswer(e)) {
            // The request went out and the answer was lost (a read time-out, a dropped connection): Vonage may have
            // the message, and it takes no idempotency key nor offers a lookup, so the app does not send it again by
            // itself (staff decide).
            return SendResult.outcomeUnknown("Vonage gave no answer (" + cause.getClass().getSimpleName()
                    + "): the message may have been sent");
        }
        return SendResult.temporaryFailure(null, "Vonage could not be reached or gave no usable answer ("
                + cause.getClass().getSimpleName() + ")");
    }

    private static boolean lostAnswer(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            // Jackson's parse errors are IOExceptions too, but they mean an answer came (e.g. an HTML 503 page).
            if (cause instanceof IOException && !cause.getClass().getName().contains("jackson")) {
                return true;
            }
        }
        return false;
    }

    /** Whether the request certainly never reached Vonage: no connection was made. */
    static boolean neverLeft(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectException || cause instanceof UnknownHostException
                    || cause.getClass().getSimpleName().equals("ConnectTimeoutException")) {
                return true;
            }
        }
        return false;
    }

    /** Vonage's title and detail, redacted, for a sentence. */
    static String said(VonageApiResponseException e, String... secrets) {
        String text = text(e);
        return text.isEmpty() ? "no details" : Redaction.redact(text, secrets);
    }

    private static String text(VonageApiResponseException e) {
        String title = Objects.requireNonNullElse(e.getTitle(), "").strip();
        String detail = Objects.requireNonNullElse(e.getDetail(), "").strip();
        if (title.isEmpty() || detail.isEmpty() || detail.equalsIgnoreCase(title)) {
            return title.isEmpty() ? detail : title;
        }
        return title + " - " + detail;
    }

    /** Vonage's code: the fragment of the error type URL ({@code ...#1020}), else the HTTP status. */
    private static String code(VonageApiResponseException e) {
        if (e.getType() != null && e.getType().getFragment() != null
                && e.getType().getFragment().matches("[A-Za-z0-9_-]{1,40}")) {
            return e.getType().getFragment();
        }
        return e.getStatusCode() > 0 ? String.valueOf(e.getStatusCode()) : null;
    }

    /** Whether Vonage's invalid_parameters name this request field. */
    private static boolean names(VonageApiResponseException e, String field) {
        List<?> invalid = e.getInvalidParameters();
        if (invalid == null) {
            return false;
        }
        for (Object parameter : invalid) {
            Object name = parameter instanceof Map<?, ?> map ? map.get("name") : parameter;
            if (name != null) {
                String value = name.toString().toLowerCase(Locale.ROOT);
                if (value.equals(field) || value.startsWith(field + ".") || value.startsWith(field + "[")) {
                    return true;
                }
            }
        }
        return false;
    }
}

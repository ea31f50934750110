package org.parley.compliance;

import java.util.Optional;
import org.parley.line.LineTypes;
import org.parley.patient.ContactService;
import org.parley.plugin.LineType;
import org.springframework.stereotype.Component;

/**
 * Whether anything may be texted to a number from a line, and if not, why, in words staff act on. Checked
 * when a reply is written and again just before it is handed to the provider.
 */
@Component
public class SendingRules {

    /** The kinds of reasons nothing may be texted, so a screen can say what each means for the number. */
    public enum Reason { NO_NUMBER, DO_NOT_TEXT, LANDLINE, OPTED_OUT }

    /**
     * Why nothing may be texted.
     *
     * @param reason      the kind of reason
     * @param explanation the reason and what to do instead, in staff's words
     */
    public record Block(Reason reason, String explanation) {
    }

    private final ConsentService consent;
    private final ContactService contacts;
    private final LineTypes lineTypes;

    SendingRules(ConsentService consent, ContactService contacts, LineTypes lineTypes) {
        this.consent = consent;
        this.contacts = contacts;
        this.lineTypes = lineTypes;
    }

    /**
     * Why nothing may be sent, or empty when it may.
     *
     * @param keywordConfirmation an automatic STOP/START/HELP confirmation, which carriers require even to a
     *                            number that just opted out
     */
    public Optional<String> blocked(String lineId, String number, boolean keywordConfirmation) {
        return check(lineId, number, keywordConfirmation).map(Block::explanation);
    }

    /** {@link #blocked}, with the kind of reason. */
    public Optional<Block> check(String lineId, String number, boolean keywordConfirmation) {
        if (number == null) {
            return Optional.of(new Block(Reason.NO_NUMBER, "There is no cell phone on file: texts cannot be sent. "
                    + "Add one in Patient details, or call the patient."));
        }
        Optional<Block> doNotText = contacts.doNotText(number).map(mark -> new Block(Reason.DO_NOT_TEXT,
                "Marked DO NOT TEXT by " + mark.setBy() + " (" + mark.reason() + "): texts cannot be sent. "
                        + "Call the patient instead."));
        if (doNotText.isPresent()) {
            return doNotText;
        }
        if (lineTypes.cached(number).filter(type -> type == LineType.LANDLINE).isPresent()) {
            return Optional.of(new Block(Reason.LANDLINE,
                    "The number is a landline: it cannot receive texts. Call the patient instead."));
        }
        OptOutStatus optOut = consent.status(lineId, number);
        if (optOut.optedOut() && !keywordConfirmation) {
            return Optional.of(new Block(Reason.OPTED_OUT, "The patient opted out of texts (" + optOut.source()
                    + "): sending is disabled until they reply START."));
        }
        return Optional.empty();
    }
}

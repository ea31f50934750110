package org.parley.compliance;

import java.util.Optional;
import org.parley.patient.ContactService;
import org.springframework.stereotype.Component;

/**
 * Whether anything may be texted to a number from a line, and if not, why, in words staff act on. Checked
 * when a reply is written and again just before it is handed to the provider.
 */
@Component
public class SendingRules {

    private final ConsentService consent;
    private final ContactService contacts;
    private final org.parley.line.LineTypes lineTypes;

    SendingRules(ConsentService consent, ContactService contacts, org.parley.line.LineTypes lineTypes) {
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
        if (number == null) {
            return Optional.of("There is no cell phone on file: texts cannot be sent.");
        }
        Optional<String> doNotText = contacts.doNotText(number).map(mark -> "Marked DO NOT TEXT by " + mark.setBy()
                + " (" + mark.reason() + "): texts cannot be sent.");
        if (doNotText.isPresent()) {
            return doNotText;
        }
        if (lineTypes.cached(number).filter(type -> type == org.parley.plugin.LineType.LANDLINE).isPresent()) {
            return Optional.of("The number is a landline: it cannot receive texts. Call the patient instead.");
        }
        OptOutStatus optOut = consent.status(lineId, number);
        if (optOut.optedOut() && !keywordConfirmation) {
            return Optional.of("The patient opted out of texts (" + optOut.source() + "): sending is disabled until "
                    + "they reply START.");
        }
        return Optional.empty();
    }
}

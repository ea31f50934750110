package org.parley.broadcast;

import java.util.Optional;
import org.parley.compliance.SendingRules;
import org.parley.patient.ContactService;
import org.parley.patient.ContactSummary;
import org.springframework.stereotype.Component;

/**
 * Whether a patient of a broadcast is skipped, and why: the rules every reply keeps ({@link SendingRules}), with a
 * dependent judged on their guardian's number. Asked when the audience is prepared and again when the recipient is
 * queued (the queue asks once more before sending).
 */
@Component
class RecipientRules {

    /** Why a recipient is skipped. */
    record Skip(SkipKind kind, String reason) {
    }

    private final ContactService contacts;
    private final SendingRules sendingRules;

    RecipientRules(ContactService contacts, SendingRules sendingRules) {
        this.contacts = contacts;
        this.sendingRules = sendingRules;
    }

    Optional<Skip> skip(String lineId, long contactId) {
        boolean dependent = contacts.find(contactId).map(ContactSummary::isDependent).orElse(false);
        Optional<String> number = contacts.textNumber(contactId);
        if (number.isEmpty()) {
            return Optional.of(dependent
                    ? new Skip(SkipKind.DEPENDENT_WITHOUT_GUARDIAN_NUMBER,
                    "A dependent whose guardian has no cell number on file.")
                    : new Skip(SkipKind.NO_CELL, "No cell number on file."));
        }
        return sendingRules.check(lineId, number.get(), false).map(block -> new Skip(switch (block.reason()) {
            case NO_NUMBER -> SkipKind.NO_CELL;
            case DO_NOT_TEXT -> SkipKind.DO_NOT_TEXT;
            case LANDLINE -> SkipKind.LANDLINE;
            case OPTED_OUT -> SkipKind.OPTED_OUT;
        }, (dependent ? "The guardian's number: " : "") + block.explanation()));
    }
}

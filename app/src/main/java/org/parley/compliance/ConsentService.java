package org.parley.compliance;

import java.time.Clock;
import org.parley.audit.AuditAction;
import org.parley.audit.AuditLog;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Records and answers whether a number may be texted from a line. */
@Service
public class ConsentService {

    private final TextConsentRepository consents;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    ConsentService(TextConsentRepository consents, AuditLog audit, ApplicationEventPublisher events, Clock clock) {
        this.consents = consents;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    /** Whether {@code phoneNumber} opted out of texts from {@code lineId}, and since when. */
    @Transactional(readOnly = true)
    public OptOutStatus status(String lineId, String phoneNumber) {
        if (phoneNumber == null) {
            return OptOutStatus.NEVER;
        }
        return consents.findById(new TextConsent.Key(lineId, phoneNumber)).map(TextConsent::status)
                .orElse(OptOutStatus.NEVER);
    }

    /**
     * Opts a number out of texts from a line.
     *
     * @param source why, for staff: "replied STOP", "provider reported an opt-out"
     */
    @Transactional
    public void optOut(String lineId, String phoneNumber, String source) {
        change(lineId, phoneNumber, true, source);
        audit.record(AuditLog.SYSTEM, AuditAction.OPTED_OUT, "line", lineId, source);
        events.publishEvent(new PatientOptedOut(lineId, source));
    }

    /** Opts a number back in to texts from a line. */
    @Transactional
    public void optIn(String lineId, String phoneNumber, String source) {
        change(lineId, phoneNumber, false, source);
        audit.record(AuditLog.SYSTEM, AuditAction.OPTED_IN, "line", lineId, source);
        events.publishEvent(new PatientOptedIn(lineId, source));
    }

    private void change(String lineId, String phoneNumber, boolean optedOut, String source) {
        TextConsent.Key key = new TextConsent.Key(lineId, phoneNumber);
        TextConsent consent = consents.findById(key).orElseGet(() -> new TextConsent(lineId, phoneNumber));
        consent.set(optedOut, clock.instant(), source);
        consents.save(consent);
    }
}

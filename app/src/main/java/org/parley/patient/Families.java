package org.parley.patient;

import java.time.Clock;
import org.parley.audit.AuditAction;
import org.parley.audit.AuditLog;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Families: dependents (a child, an elderly parent) added to a guardian or linked to one. A dependent has their own
 * conversations and is texted on the guardian's phone; reading a family is {@link ContactService#family}.
 */
@Service
// Patients' data only for a session with the STAFF or ADMIN role (see StaffAccess).
@PreAuthorize("@staffAccess.permitsPhi()")
public class Families {

    private final ContactRepository contacts;
    private final ContactService contactService;
    private final AuditLog audit;
    private final Clock clock;

    Families(ContactRepository contacts, ContactService contactService, AuditLog audit, Clock clock) {
        this.contacts = contacts;
        this.contactService = contactService;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Adds a dependent (a child, an elderly parent) to a guardian: their own conversation, texted on the
     * guardian's phone.
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    @Transactional
    public ContactSummary addDependent(String actor, long guardianId, PatientDetails details) {
        Contact guardian = guardian(guardianId);
        if (details.cellPhone() != null && !details.cellPhone().isBlank()) {
            throw new IllegalArgumentException("A dependent is texted on the guardian's phone: leave the cell phone blank.");
        }
        contactService.checkedCellPhone(details);
        Contact dependent = contacts.save(Contact.dependent(details, guardian.getId(), clock.instant()));
        audit.record(actor, AuditAction.DEPENDENT_ADDED, "contact", String.valueOf(dependent.getId()),
                "guardian " + guardian.getId());
        return dependent.summary();
    }

    /** Makes an existing patient a dependent of a guardian (one of the two ways on when a number is taken). */
    @Transactional
    public ContactSummary linkAsDependent(String actor, long guardianId, long dependentId) {
        Contact guardian = guardian(guardianId);
        Contact dependent = contacts.findById(dependentId)
                .filter(c -> c.getKind() == ContactKind.PATIENT)
                .orElseThrow(() -> new IllegalArgumentException("There is no such patient."));
        if (dependentId == guardianId || !contacts.findByGuardianIdOrderByIdAsc(dependentId).isEmpty()) {
            throw new IllegalArgumentException("A guardian cannot be made a dependent.");
        }
        dependent.dependOn(guardian.getId());
        audit.record(actor, AuditAction.DEPENDENT_LINKED, "contact", String.valueOf(dependentId), "guardian " + guardianId);
        return dependent.summary();
    }

    private Contact guardian(long guardianId) {
        Contact guardian = contacts.findById(guardianId)
                .filter(c -> c.getKind() == ContactKind.PATIENT)
                .orElseThrow(() -> new IllegalArgumentException("Choose a patient as the guardian."));
        if (guardian.getGuardianId() != null) {
            throw new IllegalArgumentException("A dependent cannot be a guardian: choose the family's guardian.");
        }
        return guardian;
    }
}

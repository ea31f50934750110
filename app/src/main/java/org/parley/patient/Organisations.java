package org.parley.patient;

import java.time.Clock;
import java.util.List;
import org.parley.audit.AuditAction;
import org.parley.audit.AuditLog;
import org.parley.base.TypedText;
import org.parley.patient.phone.PhoneNumbers;
import org.springframework.data.domain.PageRequest;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Organisations staff text: pharmacies, labs, other practices, each a contact with a name and a number. */
@Service
// Patients' data only for a session with the STAFF or ADMIN role (see StaffAccess).
@PreAuthorize("@staffAccess.permitsPhi()")
public class Organisations {

    private final ContactRepository contacts;
    private final ContactService contactService;
    private final PhoneNumbers phones;
    private final AuditLog audit;
    private final Clock clock;

    Organisations(ContactRepository contacts, ContactService contactService, PhoneNumbers phones, AuditLog audit,
                  Clock clock) {
        this.contacts = contacts;
        this.contactService = contactService;
        this.phones = phones;
        this.audit = audit;
        this.clock = clock;
    }

    /** The kinds of organisation a contact can be. */
    public static final List<String> ORGANISATION_KINDS = List.of("pharmacy", "lab", "practice", "other");

    /**
     * Adds a pharmacy, lab or other practice: a contact with a name and a number, never a patient's name.
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    @Transactional
    public ContactSummary createOrganisation(String actor, String name, String kind, String phone) {
        if (name == null || name.isBlank() || name.strip().length() > 200) {
            throw new IllegalArgumentException("Enter the organisation's name (up to 200 characters).");
        }
        if (kind == null || !ORGANISATION_KINDS.contains(kind)) {
            throw new IllegalArgumentException("Choose what kind of organisation it is.");
        }
        TypedText.requireLine(name, "organisation's name");
        String e164 = phones.toE164(phone);
        contactService.guardNumbers(e164);
        List<Contact> owners = contacts.findByPhoneNumberOrderByIdAsc(e164);
        if (owners.stream().anyMatch(c -> c.getKind() != ContactKind.UNKNOWN)) {
            throw new IllegalArgumentException("This number already belongs to a patient or another contact.");
        }
        Contact organisation = owners.isEmpty()
                ? contacts.save(Contact.organisation(name.strip(), kind, e164, clock.instant()))
                : owners.get(0);
        if (!owners.isEmpty()) {
            organisation.becomeOrganisation(name.strip(), kind);
        }
        audit.record(actor, AuditAction.ORGANISATION_SAVED, "contact", String.valueOf(organisation.getId()), kind);
        return organisation.summary();
    }

    /** A page of organisations, by name. */
    @Transactional(readOnly = true)
    public List<ContactSummary> organisations(int offset, int limit) {
        return limit <= 0 ? List.of() : contacts.organisations(
                PageRequest.of(offset / limit, limit)).stream()
                .map(Contact::summary).toList();
    }
}

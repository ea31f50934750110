package org.parley.patient;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.parley.audit.AuditAction;
import org.parley.audit.AuditLog;
import org.parley.base.TypedText;
import org.parley.patient.phone.PhoneNumbers;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.domain.PageRequest;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The patient record: a patient created and changed under the same validation, the contact behind a number (an unknown
 * contact created for a number never seen, under the number's guard), look-ups, search, a patient's language and time
 * zone, DO NOT TEXT and the deletion of a number. Dependents are {@link Families}, organisations {@link Organisations},
 * broadcast audiences {@link PatientAudiences}.
 *
 * <p>Longer than 300 lines on purpose: creating, changing and looking up a patient share the validation of the details
 * and the guard of a number's owner, which stay private here.
 */
@Service
// Patients' data only for a session with the STAFF or ADMIN role (see StaffAccess).
@PreAuthorize("@staffAccess.permitsPhi()")
public class ContactService {

    private final ContactRepository contacts;
    private final DoNotTextRepository doNotText;
    private final PhoneNumbers phones;
    private final AuditLog audit;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    ContactService(ContactRepository contacts, DoNotTextRepository doNotText, PhoneNumbers phones,
                   AuditLog audit, Clock clock,
                   ApplicationEventPublisher events) {
        this.contacts = contacts;
        this.doNotText = doNotText;
        this.phones = phones;
        this.audit = audit;
        this.clock = clock;
        this.events = events;
    }

    /** The oldest date of birth accepted. */
    static final int MAX_AGE_YEARS = 130;

    /**
     * Adds a patient.
     *
     * @throws NumberInUseException     when the cell number belongs to another patient
     * @throws IllegalArgumentException naming what is wrong with the details
     */
    @Transactional
    public ContactSummary createPatient(String actor, PatientDetails details) {
        String e164 = validated(details);
        refuseDoNotText(e164, null);
        guardNumbers(e164);
        ownerOf(e164, null).ifPresent(owner -> {
            throw new NumberInUseException(owner.summary());
        });
        Optional<Contact> unknown = e164 == null ? Optional.empty() : contacts.findByPhoneNumberOrderByIdAsc(e164)
                .stream().filter(c -> c.getKind() == ContactKind.UNKNOWN).findFirst();
        if (unknown.isPresent()) {
            // The number has texted before: that contact becomes the patient, conversations and all.
            unknown.get().becomePatient(details, e164);
            audit.record(actor, AuditAction.PATIENT_IDENTIFIED, "contact", String.valueOf(unknown.get().getId()), null);
            events.publishEvent(new PatientDetailsChanged(unknown.get().getId()));
            return unknown.get().summary();
        }
        Contact patient = contacts.save(Contact.patient(details, e164, clock.instant()));
        audit.record(actor, AuditAction.PATIENT_CREATED, "contact", String.valueOf(patient.getId()), null);
        return patient.summary();
    }

    /**
     * Changes a patient's details, or makes the unknown contact of a number into a patient.
     *
     * @throws NumberInUseException     when the cell number belongs to another patient
     * @throws IllegalArgumentException naming what is wrong with the details
     */
    @Transactional
    public ContactSummary updatePatient(String actor, long contactId, PatientDetails details) {
        Contact contact = contacts.findById(contactId)
                .orElseThrow(() -> new NoSuchElementException("There is no such patient."));
        if (contact.getKind() == ContactKind.ORGANISATION) {
            throw new IllegalArgumentException("An organisation cannot be made into a patient.");
        }
        if (contact.getMergedInto() != null) {
            // A form opened before the merge must not give the hidden record a number (texts would go to it).
            throw new IllegalArgumentException("This patient was merged into another: open that patient instead.");
        }
        String e164 = validated(details);
        if (contact.getGuardianId() != null && e164 != null) {
            throw new IllegalArgumentException("A dependent is texted on the guardian's phone: leave the cell phone blank.");
        }
        refuseDoNotText(e164, contact.getPhoneNumber());
        guardNumbers(e164);
        ownerOf(e164, contactId).ifPresent(owner -> {
            throw new NumberInUseException(owner.summary());
        });
        boolean wasUnknown = contact.getKind() == ContactKind.UNKNOWN;
        contact.becomePatient(details, e164);
        audit.record(actor, wasUnknown ? AuditAction.PATIENT_IDENTIFIED : AuditAction.PATIENT_UPDATED, "contact",
                String.valueOf(contactId), null);
        events.publishEvent(new PatientDetailsChanged(contactId));
        return contact.summary();
    }

    /** A patient's details for editing; the opening is audited. */
    @Transactional
    public Optional<PatientDetails> details(String actor, long contactId) {
        Optional<Contact> contact = contacts.findById(contactId);
        contact.ifPresent(c -> audit.record(actor, AuditAction.PATIENT_PROFILE_VIEWED, "contact", String.valueOf(contactId),
                null));
        return contact.map(Contact::details);
    }

    /** A page of patients matching what was typed (name, number in any format, date of birth or MRN). */
    @Transactional(readOnly = true)
    public List<ContactSummary> searchPatients(String typed, int offset, int limit) {
        if (limit <= 0) {
            return List.of();
        }
        var page = PageRequest.of(offset / limit, limit);
        List<Contact> found = switch (PatientSearch.of(typed, phones)) {
            case PatientSearch.All all -> contacts.patients(page);
            case PatientSearch.ByPhone phone -> contacts.patientsWithPhone(phone.e164(), page);
            case PatientSearch.ByBirthDate date -> contacts.patientsBornOn(date.date(), page);
            case PatientSearch.ByMrn mrn -> contacts.patientsWithMrn(mrn.mrn(), page);
            case PatientSearch.ByName name -> contacts.patientsNamed(name.first(), name.second(), page);
        };
        return found.stream().map(Contact::summary).toList();
    }

    /**
     * The ids of contacts that what was typed names (at most {@code limit}): patients by name, date of birth or MRN,
     * organisations by (part of) their name, and for a phone number in any format every contact with that number,
     * unknown numbers and organisations included. For finding their conversations.
     */
    @Transactional(readOnly = true)
    public List<Long> contactIdsMatching(String typed, int limit) {
        if (typed == null || typed.isBlank()) {
            return List.of();
        }
        var page = PageRequest.of(0, limit);
        PatientSearch search = PatientSearch.of(typed, phones);
        if (search instanceof PatientSearch.ByPhone phone) {
            return contacts.idsWithPhone(phone.e164(), page);
        }
        // Ids only: a common last name names a thousand patients or more, none of whom needs loading here.
        List<Long> ids = new ArrayList<>(switch (search) {
            case PatientSearch.ByPhone phone -> List.<Long>of();
            case PatientSearch.All all -> contacts.patientIds(page);
            case PatientSearch.ByBirthDate date -> contacts.patientIdsBornOn(date.date(), page);
            case PatientSearch.ByMrn mrn -> contacts.patientIdsWithMrn(mrn.mrn(), page);
            case PatientSearch.ByName name -> contacts.patientIdsNamed(name.first(), name.second(), page);
        });
        if (ids.size() < limit) {
            // A pharmacy or lab by (part of) its name: "Walgreens" finds its conversation.
            String pattern = "%" + typed.strip().toLowerCase(Locale.ROOT).replace("!", "!!")
                    .replace("%", "!%").replace("_", "!_") + "%";
            ids.addAll(contacts.organisationIdsNamed(pattern,
                    PageRequest.of(0, limit - ids.size())));
        }
        return ids;
    }

    /** How many patients match what was typed. */
    @Transactional(readOnly = true)
    public long countPatients(String typed) {
        return switch (PatientSearch.of(typed, phones)) {
            case PatientSearch.All all -> contacts.countPatients();
            case PatientSearch.ByPhone phone -> contacts.countPatientsWithPhone(phone.e164());
            case PatientSearch.ByBirthDate date -> contacts.countPatientsBornOn(date.date());
            case PatientSearch.ByMrn mrn -> contacts.countPatientsWithMrn(mrn.mrn());
            case PatientSearch.ByName name -> contacts.countPatientsNamed(name.first(), name.second());
        };
    }

    /** The family a contact belongs to: the guardian first, then the dependents; just the contact when alone. */
    @Transactional(readOnly = true)
    public List<ContactSummary> family(long contactId) {
        Optional<Contact> contact = contacts.findById(contactId);
        if (contact.isEmpty()) {
            return List.of();
        }
        long guardianId = contact.get().getGuardianId() != null ? contact.get().getGuardianId() : contactId;
        List<ContactSummary> family = new ArrayList<>();
        contacts.findById(guardianId).map(Contact::summary).ifPresent(family::add);
        contacts.findByGuardianIdOrderByIdAsc(guardianId).stream().map(Contact::summary).forEach(family::add);
        return family;
    }

    /** The number a contact is texted on: their own, or their guardian's for a dependent. */
    @Transactional(readOnly = true)
    public Optional<String> textNumber(long contactId) {
        return contacts.findById(contactId).flatMap(contact -> contact.getGuardianId() == null
                ? Optional.ofNullable(contact.getPhoneNumber())
                : contacts.findById(contact.getGuardianId()).map(Contact::getPhoneNumber));
    }

    /** The languages Parley's patient pages are written in. */
    public static final List<String> PAGE_LANGUAGES = List.of("en", "es");

    /** The language a patient reads Parley's pages in ("en" when not chosen). */
    @Transactional(readOnly = true)
    public String preferredLanguage(long contactId) {
        return contacts.findById(contactId).map(Contact::getPreferredLanguage).orElse("en");
    }

    /**
     * Sets the language a patient reads Parley's pages in.
     *
     * @throws IllegalArgumentException when it is not one of {@link #PAGE_LANGUAGES}
     */
    @Transactional
    public void setPreferredLanguage(String actor, long contactId, String language) {
        if (!PAGE_LANGUAGES.contains(language)) {
            throw new IllegalArgumentException("Language: choose English (en) or Spanish (es).");
        }
        Contact contact = contacts.findById(contactId)
                .orElseThrow(() -> new NoSuchElementException("There is no such contact."));
        if (!language.equals(contact.getPreferredLanguage())) {
            contact.setPreferredLanguage(language);
            audit.record(actor, AuditAction.PATIENT_LANGUAGE_CHANGED, "contact", String.valueOf(contactId), language);
        }
    }

    /** Whether a number is marked DO NOT TEXT, and why. */
    @Transactional(readOnly = true)
    public Optional<DoNotTextMark> doNotText(String e164) {
        return e164 == null ? Optional.empty() : doNotText.findById(e164).map(DoNotText::mark);
    }

    /**
     * Marks a patient's number DO NOT TEXT: nothing can be sent to it, and no patient can be given it.
     *
     * @throws IllegalArgumentException without a reason, or for a patient without a number
     */
    @Transactional
    public void markDoNotText(String actor, long contactId, String reason) {
        Contact contact = contacts.findById(contactId)
                .orElseThrow(() -> new NoSuchElementException("There is no such patient."));
        if (contact.getPhoneNumber() == null) {
            throw new IllegalArgumentException("The patient has no number to mark.");
        }
        if (reason == null || reason.isBlank() || reason.length() > 500) {
            throw new IllegalArgumentException("Say why the number must not be texted (up to 500 characters).");
        }
        doNotText.save(new DoNotText(contact.getPhoneNumber(), reason.strip(), actor, clock.instant(), contactId));
        audit.record(actor, AuditAction.DO_NOT_TEXT_SET, "contact", String.valueOf(contactId), null);
    }

    /**
     * "Delete account": removes the patient's cell number and keeps every conversation and message. Without a
     * number nobody can text them. A DO NOT TEXT mark on the number stays.
     */
    @Transactional
    public void deleteNumber(String actor, long contactId) {
        Contact contact = contacts.findById(contactId)
                .orElseThrow(() -> new NoSuchElementException("There is no such patient."));
        contact.removeNumber();
        audit.record(actor, AuditAction.PATIENT_NUMBER_DELETED, "contact", String.valueOf(contactId), null);
    }

    private Optional<Contact> ownerOf(String e164, Long except) {
        if (e164 == null) {
            return Optional.empty();
        }
        return contacts.findByPhoneNumberOrderByIdAsc(e164).stream()
                .filter(c -> c.getKind() == ContactKind.PATIENT && !c.getId().equals(except))
                .findFirst();
    }

    /** Checks the details and returns the cell number in E.164, or {@code null} when there is none. */
    private String validated(PatientDetails details) {
        if (details.firstName() == null || details.firstName().isBlank()
                || details.lastName() == null || details.lastName().isBlank()) {
            throw new IllegalArgumentException("Enter the patient's first and last name.");
        }
        if (details.firstName().strip().length() > 100 || details.lastName().strip().length() > 100) {
            throw new IllegalArgumentException("A name has at most 100 characters.");
        }
        TypedText.requireLine(details.firstName(), "first name");
        TypedText.requireLine(details.lastName(), "last name");
        LocalDate today = LocalDate.now(clock);
        if (details.dateOfBirth() == null) {
            throw new IllegalArgumentException("Enter the patient's date of birth.");
        }
        if (details.dateOfBirth().isAfter(today)) {
            throw new IllegalArgumentException("The date of birth cannot be in the future.");
        }
        if (details.dateOfBirth().isBefore(today.minusYears(MAX_AGE_YEARS))) {
            throw new IllegalArgumentException("The date of birth is more than " + MAX_AGE_YEARS
                    + " years ago: check the year.");
        }
        if (details.mrn() != null && !details.mrn().isBlank() && !details.mrn().strip().matches("[A-Za-z0-9.-]{1,64}")) {
            throw new IllegalArgumentException("An MRN has up to 64 letters, digits, dots or dashes.");
        }
        if (details.internalNote() != null && details.internalNote().length() > 2000) {
            throw new IllegalArgumentException("The internal note has at most 2000 characters.");
        }
        TypedText.requireText(details.internalNote(), "internal note");
        checkedZone(details.timeZone());
        if (details.cellPhone() == null || details.cellPhone().isBlank()) {
            return null;
        }
        return phones.toE164(details.cellPhone());
    }

    /**
     * Checks a new patient's details by the rules {@link #createPatient} applies before it looks at who else has
     * the number, and returns the cell number in E.164 ({@code null} when there is none). Saves nothing.
     *
     * @throws IllegalArgumentException naming what is wrong with the details
     */
    String checkedCellPhone(PatientDetails details) {
        return validated(details);
    }

    /** A time zone as typed: blank (the practice's) or a known IANA id such as America/Chicago. */
    private static void checkedZone(String zone) {
        if (zone == null || zone.isBlank()) {
            return;
        }
        if (zone.strip().length() > 60 || !ZoneId.getAvailableZoneIds().contains(zone.strip())) {
            throw new IllegalArgumentException("The time zone is not known: choose one such as America/Chicago, "
                    + "or leave it blank for the practice's.");
        }
    }

    /**
     * The time zone a contact reads their texts in: their own, else (a dependent) their guardian's, else empty
     * (the practice's applies).
     */
    @Transactional(readOnly = true)
    public Optional<ZoneId> timeZone(long contactId) {
        Optional<Contact> contact = contacts.findById(contactId);
        Optional<String> zone = contact.map(Contact::getTimeZone);
        if (zone.isEmpty() && contact.isPresent() && contact.get().getGuardianId() != null) {
            zone = contacts.findById(contact.get().getGuardianId()).map(Contact::getTimeZone);
        }
        return zone.map(ZoneId::of);
    }

    /** A patient's last visit as the import named it, if one is on file. */
    @Transactional(readOnly = true)
    public Optional<LocalDate> lastVisit(long contactId) {
        return contacts.findById(contactId).map(Contact::getLastVisit);
    }

    /** A number marked DO NOT TEXT cannot be given to a patient who does not already have it. */
    private void refuseDoNotText(String e164, String currentNumber) {
        if (e164 != null && !e164.equals(currentNumber)) {
            doNotText.findById(e164).ifPresent(mark -> {
                throw new DoNotTextException(mark.mark());
            });
        }
    }

    /** The contact who owns {@code e164}, if Parley has one: the contact {@link #findOrCreateByPhone} would return. */
    @Transactional(readOnly = true)
    public Optional<ContactSummary> findByPhone(String e164) {
        return contacts.findByPhoneNumberOrderByIdAsc(e164).stream().findFirst().map(Contact::summary);
    }

    /** The contact who owns {@code e164}, or a new unknown contact for it. */
    @Transactional
    public ContactSummary findOrCreateByPhone(String e164) {
        List<Contact> found = contacts.findByPhoneNumberOrderByIdAsc(e164);
        if (!found.isEmpty()) {
            return found.get(0).summary();
        }
        // First texts from a new number on two lines (or nodes) at once: the second waits here, then finds the first's.
        guardNumbers(e164);
        found = contacts.findByPhoneNumberOrderByIdAsc(e164);
        if (!found.isEmpty()) {
            return found.get(0).summary();
        }
        return contacts.save(Contact.unknown(e164, clock.instant())).summary();
    }

    /**
     * Makes changes of who owns a number take turns in the database (every node), so two of them cannot both find
     * the number free; held until the caller's transaction ends. Nothing to guard without a number. The lock is the
     * number's bucket of {@value #NUMBER_GUARDS} (V68): one number always maps to one bucket on every node
     * ({@link String#hashCode} is specified), and first texts from different new numbers rarely share one, so they
     * no longer wait for each other's whole intake.
     */
    void guardNumbers(String e164) {
        if (e164 != null) {
            contacts.guardNumbers(Math.floorMod(e164.hashCode(), NUMBER_GUARDS));
        }
    }

    /** How many guard rows V68 made; changing it needs a migration adding the rows. */
    static final int NUMBER_GUARDS = 1024;

    /** A contact by id; for a merged patient, the patient it was merged into. */
    @Transactional(readOnly = true)
    public Optional<ContactSummary> find(long id) {
        // A merged record's id (an old link, an old audit entry) leads to the patient it was merged into.
        return contacts.findById(id).map(contacts::survivorOf).map(Contact::summary);
    }

    /** Several contacts by id, for a page of conversations. */
    @Transactional(readOnly = true)
    public Map<Long, ContactSummary> find(Collection<Long> ids) {
        return contacts.findAllById(ids).stream().map(Contact::summary)
                .collect(Collectors.toMap(ContactSummary::id, Function.identity()));
    }
}

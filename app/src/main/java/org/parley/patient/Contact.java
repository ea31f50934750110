package org.parley.patient;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Converter;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Locale;
import org.parley.base.AbstractEntity;
import org.parley.encryption.EncryptedText;
import org.parley.patient.phone.PhoneFormat;

/** Whoever writes from a number. */
@Entity
@Table(name = "contact")
class Contact extends AbstractEntity {

    @Enumerated(EnumType.STRING)
    @Column(name = "kind", nullable = false)
    private ContactKind kind;

    @Column(name = "phone_number")
    private String phoneNumber;

    @Column(name = "first_name")
    private String firstName;

    @Column(name = "last_name")
    private String lastName;

    @Column(name = "organisation")
    private String organisation;

    @Column(name = "date_of_birth")
    private LocalDate dateOfBirth;

    @Column(name = "mrn")
    private String mrn;

    @Convert(converter = Contact.EncryptedInternalNote.class)
    @Column(name = "internal_note")
    private String internalNote;

    /** Lower-cased names, for index-backed prefix search. */
    @Column(name = "first_name_key")
    private String firstNameKey;

    @Column(name = "last_name_key")
    private String lastNameKey;

    /** For a dependent: the guardian whose phone their texts go to. */
    @Column(name = "guardian_id")
    private Long guardianId;

    @Column(name = "organisation_kind")
    private String organisationKind;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    /** The patient this record was merged into, or {@code null}: a merged record is kept for history only. */
    @Column(name = "merged_into")
    private Long mergedInto;

    /** The last visit the EHR's export named (the patient import's optional column); null when never imported. */
    @Column(name = "last_visit")
    private LocalDate lastVisit;

    /** The patient's own time zone (an IANA id), or {@code null} for the practice's. */
    @Column(name = "time_zone")
    private String timeZone;

    /** The language the patient reads Parley's pages in: "en" or "es". */
    @Column(name = "preferred_language", nullable = false)
    private String preferredLanguage = "en";

    String getPreferredLanguage() {
        return preferredLanguage;
    }

    void setPreferredLanguage(String language) {
        this.preferredLanguage = language;
    }

    protected Contact() {
    }

    static Contact dependent(PatientDetails details, long guardianId, Instant createdAt) {
        Contact contact = patient(details, null, createdAt);
        contact.guardianId = guardianId;
        return contact;
    }

    static Contact organisation(String name, String kind, String e164, Instant createdAt) {
        Contact contact = new Contact();
        contact.kind = ContactKind.ORGANISATION;
        contact.organisation = name;
        contact.organisationKind = kind;
        contact.phoneNumber = e164;
        contact.createdAt = createdAt;
        return contact;
    }

    /** Makes this patient a dependent of {@code guardian}: their own number goes, texts go to the guardian's. */
    void dependOn(long guardian) {
        this.guardianId = guardian;
        this.phoneNumber = null;
    }

    void becomeOrganisation(String name, String kind) {
        this.kind = ContactKind.ORGANISATION;
        this.organisation = name;
        this.organisationKind = kind;
    }

    Long getGuardianId() {
        return guardianId;
    }

    static Contact patient(PatientDetails details, String e164, Instant createdAt) {
        Contact contact = new Contact();
        contact.createdAt = createdAt;
        contact.becomePatient(details, e164);
        return contact;
    }

    /** Makes this contact the patient described (an unknown number gets its name, DOB...). */
    void becomePatient(PatientDetails details, String e164) {
        kind = ContactKind.PATIENT;
        firstName = details.firstName().strip();
        lastName = details.lastName().strip();
        firstNameKey = firstName.toLowerCase(Locale.ROOT);
        lastNameKey = lastName.toLowerCase(Locale.ROOT);
        dateOfBirth = details.dateOfBirth();
        phoneNumber = e164;
        mrn = details.mrn() == null || details.mrn().isBlank() ? null : details.mrn().strip();
        internalNote = details.internalNote() == null || details.internalNote().isBlank() ? null
                : details.internalNote().strip();
        timeZone = details.timeZone() == null || details.timeZone().isBlank() ? null : details.timeZone().strip();
    }

    String getTimeZone() {
        return timeZone;
    }

    /** Sets the last visit an import named; a row without one leaves what is on file. */
    void visitedLast(LocalDate date) {
        if (date != null) {
            lastVisit = date;
        }
    }

    LocalDate getLastVisit() {
        return lastVisit;
    }

    void removeNumber() {
        phoneNumber = null;
    }

    /** Marks this record as a duplicate of {@code survivorId}; its number goes, so nobody finds it by number. */
    void mergeInto(long survivorId) {
        mergedInto = survivorId;
        phoneNumber = null;
    }

    Long getMergedInto() {
        return mergedInto;
    }

    ContactKind getKind() {
        return kind;
    }

    String getPhoneNumber() {
        return phoneNumber;
    }

    PatientDetails details() {
        return new PatientDetails(firstName == null ? "" : firstName, lastName == null ? "" : lastName, dateOfBirth,
                phoneNumber == null ? "" : PhoneFormat.national(phoneNumber), mrn, internalNote, timeZone);
    }

    static Contact unknown(String phoneNumber, Instant createdAt) {
        Contact contact = new Contact();
        contact.kind = ContactKind.UNKNOWN;
        contact.phoneNumber = phoneNumber;
        contact.createdAt = createdAt;
        return contact;
    }

    ContactSummary summary() {
        return new ContactSummary(getId(), kind, phoneNumber, firstName, lastName, organisation, dateOfBirth, mrn,
                guardianId, organisationKind);
    }

    /** contact.internal_note, encrypted bound to its table and column. */
    @Converter
    static class EncryptedInternalNote extends EncryptedText {
        EncryptedInternalNote() {
            super("contact", "internal_note");
        }
    }
}

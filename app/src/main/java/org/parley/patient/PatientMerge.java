package org.parley.patient;

import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.parley.audit.AuditAction;
import org.parley.audit.AuditLog;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Merges a duplicate patient into the patient who stays. Staff choose per field which side's value survives; the
 * duplicate keeps its row for history, marked merged, and everything it owned moves to the survivor through
 * {@link PatientsMerged}.
 */
@Service
// Patients' data only for a session with the STAFF or ADMIN role (see StaffAccess).
@PreAuthorize("@staffAccess.permitsPhi()")
public class PatientMerge {

    private final ContactRepository contacts;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;

    PatientMerge(ContactRepository contacts, AuditLog audit, ApplicationEventPublisher events) {
        this.contacts = contacts;
        this.audit = audit;
        this.events = events;
    }

    /**
     * Both patients side by side. Opening the duplicate's profile this way is audited like any profile view.
     *
     * @throws IllegalArgumentException for the same patient twice, a merged record or a contact that is no patient
     * @throws NoSuchElementException   when either patient does not exist
     */
    @Transactional
    public MergePreview preview(String actor, long survivorId, long duplicateId) {
        refuseSame(survivorId, duplicateId);
        Contact survivor = mergeable(survivorId);
        Contact duplicate = mergeable(duplicateId);
        audit.record(actor, AuditAction.PATIENT_PROFILE_VIEWED, "contact", String.valueOf(duplicateId), "merge preview");
        return new MergePreview(survivorId, survivor.details(), duplicateId, duplicate.details());
    }

    /**
     * Merges {@code duplicateId} into {@code survivorId}.
     *
     * @param fromDuplicate              the fields whose duplicate value survives; the others keep the survivor's
     * @param confirmDifferentBirthDates the second confirmation needed when the dates of birth differ
     * @return the survivor as it is after the merge
     * @throws BirthDatesDifferException when the dates of birth differ and the second confirmation is missing
     * @throws IllegalArgumentException  for the same patient twice, a merged record or a contact that is no patient
     * @throws NoSuchElementException    when either patient does not exist
     */
    @Transactional
    public ContactSummary merge(String actor, long survivorId, long duplicateId, Set<PatientField> fromDuplicate,
                                boolean confirmDifferentBirthDates) {
        refuseSame(survivorId, duplicateId);
        // Rows are locked in id order, so two merges of the same patients wait for each other instead of deadlocking.
        Contact first = lock(Math.min(survivorId, duplicateId));
        Contact second = lock(Math.max(survivorId, duplicateId));
        Contact survivor = first.getId() == survivorId ? first : second;
        Contact duplicate = survivor == first ? second : first;
        PatientDetails kept = survivor.details();
        PatientDetails merged = duplicate.details();
        if (!Objects.equals(kept.dateOfBirth(), merged.dateOfBirth()) && !confirmDifferentBirthDates) {
            throw new BirthDatesDifferException();
        }
        PatientDetails result = new PatientDetails(
                (fromDuplicate.contains(PatientField.FIRST_NAME) ? merged : kept).firstName(),
                (fromDuplicate.contains(PatientField.LAST_NAME) ? merged : kept).lastName(),
                (fromDuplicate.contains(PatientField.DATE_OF_BIRTH) ? merged : kept).dateOfBirth(),
                null,
                (fromDuplicate.contains(PatientField.MRN) ? merged : kept).mrn(),
                (fromDuplicate.contains(PatientField.INTERNAL_NOTE) ? merged : kept).internalNote(),
                // the survivor's own time zone, else the duplicate's (not a field the merge dialog offers)
                kept.timeZone() != null ? kept.timeZone() : merged.timeZone());
        String cell = fromDuplicate.contains(PatientField.CELL_PHONE) ? duplicate.getPhoneNumber()
                : survivor.getPhoneNumber();
        // The duplicate's number is freed first: a number belongs to one patient at a time.
        duplicate.mergeInto(survivorId);
        contacts.flush();
        survivor.becomePatient(result, cell);
        contacts.repointMerged(duplicateId, survivorId);
        contacts.repointDependents(duplicateId, survivorId);
        events.publishEvent(new PatientsMerged(survivorId, duplicateId));
        events.publishEvent(new PatientDetailsChanged(survivorId));
        audit.record(actor, AuditAction.PATIENTS_MERGED, "contact", String.valueOf(survivorId), "merged contact " + duplicateId);
        return survivor.summary();
    }

    private Contact mergeable(long id) {
        return checked(contacts.findById(id));
    }

    private Contact lock(long id) {
        return checked(contacts.lockById(id));
    }

    private static Contact checked(Optional<Contact> found) {
        Contact contact = found.orElseThrow(() -> new NoSuchElementException("There is no such patient."));
        if (contact.getMergedInto() != null) {
            throw new IllegalArgumentException("This patient was already merged into another and cannot be merged.");
        }
        if (contact.getKind() != ContactKind.PATIENT) {
            throw new IllegalArgumentException("Only patients can be merged.");
        }
        return contact;
    }

    private static void refuseSame(long survivorId, long duplicateId) {
        if (survivorId == duplicateId) {
            throw new IllegalArgumentException("A patient cannot be merged with itself. Pick the duplicate.");
        }
    }
}

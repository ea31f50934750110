package org.parley.patient;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.springframework.data.domain.PageRequest;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Patients chosen for a broadcast, by id, a page at a time, so that a large audience is never held at once. */
@Service
// Patients' data only for a session with the STAFF or ADMIN role (see StaffAccess).
@PreAuthorize("@staffAccess.permitsPhi()")
public class PatientAudiences {

    private final ContactRepository contacts;

    PatientAudiences(ContactRepository contacts) {
        this.contacts = contacts;
    }

    /**
     * Patients (not merged, not organisations, dependents included) born within the range (either end open), by id
     * after {@code afterId}: one page of a search walked in id order, so a large audience is never held at once.
     */
    @Transactional(readOnly = true)
    public List<Long> patientIdsBornBetween(LocalDate from, LocalDate to, long afterId,
                                            int limit) {
        return contacts.patientIdsBornBetween(from == null ? LocalDate.of(1, 1, 1) : from,
                to == null ? LocalDate.of(9999, 12, 31) : to, afterId,
                PageRequest.of(0, limit));
    }

    /**
     * Patients (not merged, not organisations) whose imported last visit is within the range (either end open; a
     * patient without one on file is never in it), by id after {@code afterId}: one page, as
     * {@link #patientIdsBornBetween}.
     */
    @Transactional(readOnly = true)
    public List<Long> patientIdsLastVisitBetween(LocalDate from, LocalDate to, long afterId,
                                                 int limit) {
        return contacts.patientIdsLastVisitBetween(from == null ? LocalDate.of(1, 1, 1) : from,
                to == null ? LocalDate.of(9999, 12, 31) : to, afterId,
                PageRequest.of(0, limit));
    }

    /** The patients (not merged) with these MRNs, and those whose own cell number is one of {@code e164s}. */
    @Transactional(readOnly = true)
    public List<Long> patientIdsByMrnOrNumber(Collection<String> mrns, Collection<String> e164s) {
        List<Long> ids = new ArrayList<>();
        if (!mrns.isEmpty()) {
            ids.addAll(contacts.patientIdsWithMrns(mrns));
        }
        if (!e164s.isEmpty()) {
            ids.addAll(contacts.patientIdsWithNumbers(e164s));
        }
        return ids.stream().distinct().toList();
    }
}

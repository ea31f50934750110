package org.parley.patient;

import jakarta.persistence.LockModeType;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

interface ContactRepository extends JpaRepository<Contact, Long> {

    List<Contact> findByPhoneNumberOrderByIdAsc(String phoneNumber);

    /**
     * Waits for, then holds until the transaction ends, the guard row every change of who owns a number in this
     * bucket locks first: a database lock, so it holds across nodes (see V52 and V68).
     */
    @Query(value = "select id from contact_number_guard where id = :bucket for update", nativeQuery = true)
    List<Integer> guardNumbers(@Param("bucket") int bucket);

    List<Contact> findByGuardianIdOrderByIdAsc(Long guardianId);

    @Query("select c from Contact c where c.kind = org.parley.patient.ContactKind.ORGANISATION "
            + "order by lower(c.organisation), c.id")
    List<Contact> organisations(Pageable page);

    /** Organisations whose name contains {@code name} (lower case, "%"-wrapped, wildcards escaped with "!"). */
    @Query("select c.id from Contact c where c.kind = org.parley.patient.ContactKind.ORGANISATION "
            + "and lower(c.organisation) like :name escape '!' order by lower(c.organisation), c.id")
    List<Long> organisationIdsNamed(@Param("name") String name, Pageable page);

    String PATIENTS = "from Contact c where c.kind = org.parley.patient.ContactKind.PATIENT and c.mergedInto is null";
    String BY_NAME = PATIENTS + " and ((c.lastNameKey like :a and (:b = '' or c.firstNameKey like :b))"
            + " or (c.firstNameKey like :a and (:b = '' or c.lastNameKey like :b)))";
    String ORDER = " order by c.lastNameKey, c.firstNameKey, c.id";

    @Query("select c " + PATIENTS + ORDER)
    List<Contact> patients(Pageable page);

    @Query("select count(c) " + PATIENTS)
    long countPatients();

    /** Patients whose last and first name (in either order) start with {@code a} and {@code b} ("%"-terminated). */
    @Query("select c " + BY_NAME + ORDER)
    List<Contact> patientsNamed(@Param("a") String a, @Param("b") String b, Pageable page);

    @Query("select count(c) " + BY_NAME)
    long countPatientsNamed(@Param("a") String a, @Param("b") String b);

    // The ids alone, for finding the patients' conversations: no entity (and no encrypted note) loaded per patient.
    @Query("select c.id " + BY_NAME + ORDER)
    List<Long> patientIdsNamed(@Param("a") String a, @Param("b") String b, Pageable page);

    @Query("select c.id " + PATIENTS + " and c.dateOfBirth = :dob" + ORDER)
    List<Long> patientIdsBornOn(@Param("dob") LocalDate dob, Pageable page);

    @Query("select c.id " + PATIENTS + " and c.mrn = :mrn" + ORDER)
    List<Long> patientIdsWithMrn(@Param("mrn") String mrn, Pageable page);

    @Query("select c.id " + PATIENTS + ORDER)
    List<Long> patientIds(Pageable page);

    @Query("select c " + PATIENTS + " and c.phoneNumber = :phone" + ORDER)
    List<Contact> patientsWithPhone(@Param("phone") String phone, Pageable page);

    @Query("select count(c) " + PATIENTS + " and c.phoneNumber = :phone")
    long countPatientsWithPhone(@Param("phone") String phone);

    @Query("select c " + PATIENTS + " and c.dateOfBirth = :dob" + ORDER)
    List<Contact> patientsBornOn(@Param("dob") LocalDate dob, Pageable page);

    @Query("select count(c) " + PATIENTS + " and c.dateOfBirth = :dob")
    long countPatientsBornOn(@Param("dob") LocalDate dob);

    @Query("select c " + PATIENTS + " and c.mrn = :mrn" + ORDER)
    List<Contact> patientsWithMrn(@Param("mrn") String mrn, Pageable page);

    @Query("select count(c) " + PATIENTS + " and c.mrn = :mrn")
    long countPatientsWithMrn(@Param("mrn") String mrn);

    /** The contact row, locked until the transaction ends, so two merges of the same patients take turns. */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select c from Contact c where c.id = :id")
    Optional<Contact> lockById(@Param("id") long id);

    /** Records merged into {@code mergedId} now point at its survivor, so no chain of merges forms. */
    @Modifying(flushAutomatically = true)
    @Query("update Contact c set c.mergedInto = :survivorId where c.mergedInto = :mergedId")
    int repointMerged(@Param("mergedId") long mergedId, @Param("survivorId") long survivorId);

    /** The merged patient's dependents become the survivor's: their texts go to the survivor's phone. */
    @Modifying(flushAutomatically = true)
    @Query("update Contact c set c.guardianId = :survivorId where c.guardianId = :mergedId")
    int repointDependents(@Param("mergedId") long mergedId, @Param("survivorId") long survivorId);

    /** The patient a merged record leads to (itself when it was never merged). */
    default Contact survivorOf(Contact contact) {
        Contact current = contact;
        // Merges repoint older merged records, so one step is the rule; the bound only guards against bad data.
        for (int step = 0; step < 10 && current.getMergedInto() != null; step++) {
            Contact next = findById(current.getMergedInto()).orElse(null);
            if (next == null) {
                break;
            }
            current = next;
        }
        return current;
    }

    @Query("select c.id from Contact c where c.phoneNumber = :phone and c.mergedInto is null order by c.id")
    List<Long> idsWithPhone(@Param("phone") String e164,
                            Pageable page);

    @Query("select c.id from Contact c where c.kind = org.parley.patient.ContactKind.PATIENT and c.mergedInto is null"
            + " and c.dateOfBirth between :from and :to and c.id > :after order by c.id")
    List<Long> patientIdsBornBetween(@Param("from") LocalDate from, @Param("to") LocalDate to,
                                     @Param("after") long afterId, Pageable page);

    @Query("select c.id from Contact c where c.kind = org.parley.patient.ContactKind.PATIENT and c.mergedInto is null"
            + " and c.lastVisit between :from and :to and c.id > :after order by c.id")
    List<Long> patientIdsLastVisitBetween(@Param("from") LocalDate from, @Param("to") LocalDate to,
                                          @Param("after") long afterId, Pageable page);

    @Query("select c.id from Contact c where c.kind = org.parley.patient.ContactKind.PATIENT and c.mergedInto is null"
            + " and c.mrn in :mrns")
    List<Long> patientIdsWithMrns(@Param("mrns") Collection<String> mrns);

    @Query("select c.id from Contact c where c.kind = org.parley.patient.ContactKind.PATIENT and c.mergedInto is null"
            + " and c.phoneNumber in :numbers")
    List<Long> patientIdsWithNumbers(@Param("numbers") Collection<String> numbers);
}

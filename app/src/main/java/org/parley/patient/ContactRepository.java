package org.parley.patient;

import java.time.LocalDate;
import java.util.List;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

interface ContactRepository extends JpaRepository<Contact, Long> {

    List<Contact> findByPhoneNumberOrderByIdAsc(String phoneNumber);

    List<Contact> findByGuardianIdOrderByIdAsc(Long guardianId);

    @Query("select c from Contact c where c.kind = org.parley.patient.ContactKind.ORGANISATION "
            + "order by lower(c.organisation), c.id")
    List<Contact> organisations(Pageable page);

    String PATIENTS = "from Contact c where c.kind = org.parley.patient.ContactKind.PATIENT";
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
}

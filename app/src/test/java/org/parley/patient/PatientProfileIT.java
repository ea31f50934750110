package org.parley.patient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.parley.audit.AuditEntries;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.domain.PageRequest;

@SpringBootTest(properties = {"spring.datasource.url=jdbc:h2:mem:patients;DB_CLOSE_DELAY=-1",
        "parley.plugins.dir=${parley.test.plugins-dir}"})
class PatientProfileIT {

    @Autowired
    ContactService contacts;
    @Autowired
    AuditEntries audit;

    private static PatientDetails patient(String first, String last, String cell) {
        return new PatientDetails(first, last, LocalDate.of(1984, 3, 9), cell, null, null);
    }

    @Test
    void aSecondUnrelatedPatientWithTheSameNumberIsRefusedNamingTheOwner() {
        ContactSummary maria = contacts.createPatient("nurse", patient("Maria", "Lopez", "(929) 203-1111"));

        assertThatThrownBy(() -> contacts.createPatient("nurse", patient("Carlos", "Ruiz", "929.203.1111")))
                .isInstanceOf(NumberInUseException.class)
                .satisfies(e -> assertThat(((NumberInUseException) e).owner().id()).isEqualTo(maria.id()))
                .hasMessageNotContaining("Maria");
        assertThat(contacts.searchPatients("Ruiz", 0, 10)).isEmpty();
    }

    @Test
    void aPatientWithoutACellPhoneIsAllowed() {
        ContactSummary ana = contacts.createPatient("nurse", patient("Ana", "Nocell", ""));

        assertThat(ana.phoneNumber()).isNull();
        assertThat(contacts.searchPatients("nocell", 0, 10)).extracting(ContactSummary::id).containsExactly(ana.id());
    }

    @Test
    void aDateOfBirthInTheFutureOrAbsurdlyLongAgoIsRefused() {
        assertThatThrownBy(() -> contacts.createPatient("nurse", new PatientDetails("Tim", "Future",
                LocalDate.now().plusDays(1), "", null, null)))
                .hasMessage("The date of birth cannot be in the future.");
        assertThatThrownBy(() -> contacts.createPatient("nurse", new PatientDetails("Tim", "Ancient",
                LocalDate.of(1850, 1, 1), "", null, null)))
                .hasMessageContaining("more than 130 years ago");
    }

    @Test
    void anUnknownNumberThatTextedBeforeBecomesThePatientKeepingItsConversations() {
        ContactSummary unknown = contacts.findOrCreateByPhone("+19292032222");

        ContactSummary patient = contacts.createPatient("nurse", patient("Lena", "Texter", "(929) 203-2222"));

        assertThat(patient.id()).isEqualTo(unknown.id());
        assertThat(patient.kind()).isEqualTo(ContactKind.PATIENT);
        assertThat(contacts.findOrCreateByPhone("+19292032222").id()).isEqualTo(unknown.id());
        assertThat(audit.newest("PATIENT_IDENTIFIED", PageRequest.of(0, 50))).isNotEmpty();
    }

    @Test
    void patientsAreFoundByNameNumberInAnyFormatDateOfBirthAndMrn() {
        ContactSummary oscar = contacts.createPatient("nurse", new PatientDetails("Oscar", "Searchable",
                LocalDate.of(1971, 12, 24), "+1 929 203 3333", "MRN-77812", null));

        assertThat(contacts.searchPatients("searchable", 0, 10)).extracting(ContactSummary::id).contains(oscar.id());
        assertThat(contacts.searchPatients("Searchable, Osc", 0, 10)).extracting(ContactSummary::id)
                .containsExactly(oscar.id());
        assertThat(contacts.searchPatients("osc sea", 0, 10)).extracting(ContactSummary::id).containsExactly(oscar.id());
        assertThat(contacts.searchPatients("(929) 203-3333", 0, 10)).extracting(ContactSummary::id)
                .containsExactly(oscar.id());
        assertThat(contacts.searchPatients("12/24/1971", 0, 10)).extracting(ContactSummary::id)
                .containsExactly(oscar.id());
        assertThat(contacts.searchPatients("MRN-77812", 0, 10)).extracting(ContactSummary::id)
                .containsExactly(oscar.id());
        assertThat(contacts.countPatients("MRN-77812")).isEqualTo(1);
    }

    @Test
    void viewingAProfileIsAudited() {
        ContactSummary vera = contacts.createPatient("nurse", patient("Vera", "Viewed", ""));
        int before = audit.newest("PATIENT_PROFILE_VIEWED", PageRequest.of(0, 500)).size();

        assertThat(contacts.details("frontdesk", vera.id())).get()
                .satisfies(d -> assertThat(d.lastName()).isEqualTo("Viewed"));

        assertThat(audit.newest("PATIENT_PROFILE_VIEWED", PageRequest.of(0, 500))).hasSize(before + 1);
    }
}

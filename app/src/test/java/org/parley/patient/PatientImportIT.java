package org.parley.patient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.parley.audit.AuditEntries;
import org.parley.patient.ImportReport.RefusedRow;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.domain.PageRequest;

@SpringBootTest(properties = {"spring.datasource.url=jdbc:h2:mem:import;DB_CLOSE_DELAY=-1",
        "parley.plugins.dir=${parley.test.plugins-dir}"})
class PatientImportIT {

    private static final PatientImport.Progress IGNORED = (done, total) -> { };

    @Autowired
    PatientImport patientImport;
    @Autowired
    ContactService contacts;
    @Autowired
    AuditEntries audit;

    private static byte[] csv(String... lines) {
        return (String.join("\r\n", lines) + "\r\n").getBytes(StandardCharsets.UTF_8);
    }

    private List<String> namesFound(String search) {
        return contacts.searchPatients(search, 0, 50).stream().map(p -> p.firstName() + " " + p.lastName()).toList();
    }

    @Test
    void goodRowsAreImportedAndEachBadRowIsRefusedWithItsRowNumberAndWhy() {
        ContactSummary existing = contacts.createPatient("nurse", new PatientDetails("Olga", "Owner",
                LocalDate.of(1970, 5, 5), "(929) 204-0006", null, null));
        ContactSummary quiet = contacts.createPatient("nurse", new PatientDetails("Quinn", "Quiet",
                LocalDate.of(1970, 5, 5), "(929) 204-0007", null, null));
        contacts.markDoNotText("nurse", quiet.id(), "asked not to be texted");
        contacts.deleteNumber("nurse", quiet.id());
        String tomorrow = LocalDate.now().plusDays(1).toString();
        long before = contacts.countPatients("");

        ImportReport report = patientImport.importCsv("frontdesk", csv(
                "First Name,Last Name,DOB,Cell,MRN,Insurance",
                "Maria,Goodrow,03/09/1984,(929) 204-0001,MRN-1,Aetna",
                "Carl,Badphone,1/2/1990,12345,,",
                "Dana,Baddate,13/45/2020,(929) 204-0003,,",
                "Finn,Futurerow," + tomorrow + ",(929) 204-0004,,",
                "Nora,Takenrow,1/2/1990,929.204.0006,,",
                "Quentin,Dntrow,1/2/1990,+1 929 204 0007,,",
                "Ivan,Goodrow,1990-12-31,929-204-0008,MRN-2,",
                "Mario,Duprow,1/2/1990,9292040001,,",
                "Lastless,,1/2/1990,(929) 204-0010,,",
                "Zoe,Goodrow,7/4/1976,,,"), IGNORED);

        assertThat(report.imported()).isEqualTo(3);
        assertThat(report.refused()).containsExactly(
                new RefusedRow(3, "That is not a valid phone number. Type 10 digits, e.g. (929) 203-8684, or an "
                        + "international number starting with +."),
                new RefusedRow(4, "The date of birth is not a date: write it as MM/DD/YYYY or YYYY-MM-DD."),
                new RefusedRow(5, "The date of birth cannot be in the future."),
                new RefusedRow(6, "This cell number already belongs to another patient."),
                new RefusedRow(7, "The cell number is marked DO NOT TEXT: it cannot be added to a patient."),
                new RefusedRow(9, "The cell number is already on row 2, imported from this file."),
                new RefusedRow(10, "Enter the patient's first and last name."));
        assertThat(contacts.countPatients("")).isEqualTo(before + 3);
        assertThat(namesFound("Goodrow")).containsExactlyInAnyOrder("Maria Goodrow", "Ivan Goodrow", "Zoe Goodrow");
        assertThat(contacts.searchPatients("MRN-2", 0, 5)).singleElement().satisfies(ivan -> {
            assertThat(ivan.phoneNumber()).isEqualTo("+19292040008");
            assertThat(ivan.dateOfBirth()).isEqualTo(LocalDate.of(1990, 12, 31));
        });
        for (String refusedName : List.of("Badphone", "Baddate", "Futurerow", "Takenrow", "Dntrow", "Duprow",
                "Lastless")) {
            assertThat(namesFound(refusedName)).as(refusedName).isEmpty();
        }
        assertThat(contacts.searchPatients("(929) 204-0006", 0, 5)).extracting(ContactSummary::id)
                .containsExactly(existing.id());
        assertThat(audit.newest("PATIENTS_IMPORTED", PageRequest.of(0, 1)).getFirst().detail())
                .isEqualTo("3 imported, 7 refused");
    }

    @Test
    void quotedValuesMayHoldCommasQuotesAndLineBreaksAndHeaderNamesMayBeWrittenAnyWayButANameIsOneLine() {
        ImportReport report = patientImport.importCsv("frontdesk", csv(
                "\uFEFFmrn,CELL_PHONE,last_name,Date of Birth,firstname",
                "\"Q-1\",\"(929) 204-1001\",\"Quoteson, Jr.\",\"11/05/1955\",\"Sam \"\"Sammy\"\"\"",
                "Q-2,(929) 204-1002,\"Quoteson\nSmith\",1955-11-06,Ada"), IGNORED);

        // The quoted line break reaches the last name intact, and a name is one line: that row is refused, saying why.
        assertThat(report.imported()).isEqualTo(1);
        assertThat(report.refused()).singleElement().satisfies(row ->
                assertThat(row.reason()).contains("last name contains a control character"));
        assertThat(contacts.searchPatients("Q-1", 0, 5)).singleElement().satisfies(sam -> {
            assertThat(sam.firstName()).isEqualTo("Sam \"Sammy\"");
            assertThat(sam.lastName()).isEqualTo("Quoteson, Jr.");
            assertThat(sam.dateOfBirth()).isEqualTo(LocalDate.of(1955, 11, 5));
        });
        assertThat(contacts.searchPatients("Q-2", 0, 5)).isEmpty();
    }

    @Test
    void aNumberThatTextedBeforeBecomesTheImportedPatient() {
        ContactSummary unknown = contacts.findOrCreateByPhone("+19292041201");

        patientImport.importCsv("frontdesk", csv("first name,last name,dob,phone",
                "Tess,Texted,02/02/2002,(929) 204-1201"), IGNORED);

        assertThat(contacts.find(unknown.id())).get().satisfies(tess -> {
            assertThat(tess.kind()).isEqualTo(ContactKind.PATIENT);
            assertThat(tess.displayName()).isEqualTo("Tess Texted");
        });
    }

    @Test
    void aFileWithoutTheHeaderRowIsRefusedWholeSayingWhichColumnsAreMissing() {
        long before = contacts.countPatients("");

        assertThatThrownBy(() -> patientImport.importCsv("frontdesk", csv(
                "Hank,Headless,03/09/1984,(929) 204-1301,MRN-9"), IGNORED))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("The first row must name the columns: first name, last name, date of birth, cell phone "
                        + "and, if you have it, MRN. Not found: first name, last name, date of birth, cell phone.")
                .hasMessageNotContaining("Headless");
        assertThatThrownBy(() -> patientImport.importCsv("frontdesk", csv("First name,Last name,Cell",
                "Hank,Headless,(929) 204-1301"), IGNORED))
                .hasMessageEndingWith("Not found: date of birth.");
        assertThatThrownBy(() -> patientImport.importCsv("frontdesk",
                "first name,last name,dob,cell\nJos\u00e9,Pe\u00f1a,1/1/1980,".getBytes(StandardCharsets.ISO_8859_1),
                IGNORED))
                .hasMessage("The file is not UTF-8 text. In Excel, save it as \"CSV UTF-8\".");
        assertThat(contacts.countPatients("")).isEqualTo(before);
    }

    @Test
    void tenThousandRowsImportInWellUnderAMinuteReportingProgressAlongTheWay() {
        List<String> lines = new ArrayList<>();
        lines.add("First Name,Last Name,DOB,Cell,MRN");
        for (int i = 0; i < 10_000; i++) {
            lines.add(String.format("Patient%d,Bulkimport,%d/%d/19%02d,(929) 3%02d-%04d,BULK-%d", i, 1 + i % 12,
                    1 + i % 28, 20 + i % 80, 10 + i / 10_000, i, i));
        }
        List<int[]> progress = new ArrayList<>();

        ImportReport report = patientImport.importCsv("frontdesk", csv(lines.toArray(String[]::new)),
                (done, total) -> progress.add(new int[] {done, total}));

        System.out.println("10,000-row patient import took " + report.took().toMillis() + " ms");
        assertThat(report.refused()).isEmpty();
        assertThat(report.imported()).isEqualTo(10_000);
        assertThat(report.took()).as("took %s", report.took()).isLessThan(Duration.ofSeconds(60));
        assertThat(contacts.countPatients("Bulkimport")).isEqualTo(10_000);
        assertThat(progress).hasSizeGreaterThan(2);
        assertThat(progress.getLast()).containsExactly(10_000, 10_000);
        assertThat(progress).extracting(p -> p[0]).isSorted();
    }
}

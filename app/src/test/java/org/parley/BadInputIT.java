package org.parley;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.parley.patient.ContactService;
import org.parley.patient.PatientDetails;
import org.parley.security.Role;
import org.parley.security.StaffDirectory;
import org.parley.security.StaffFixtures;
import org.parley.template.TemplateService;
import org.parley.testsupport.KaribuTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What a person types into the forms for patients, organisations, templates and staff accounts, as a table of bad
 * input: too long, wrong, control characters, hidden text-direction marks, a bad phone number or date. Each is refused
 * with a message naming the field and the problem, and nothing is stored.
 */
@SpringBootTest(properties = {"spring.datasource.url=jdbc:h2:mem:badinput;DB_CLOSE_DELAY=-1",
        "parley.plugins.dir=${parley.test.plugins-dir}"})
class BadInputIT extends KaribuTest {

    private static final LocalDate BORN = LocalDate.of(1980, 5, 17);
    private static final String RLO = "\u202E";
    private static final String LRM = "\u200E";

    @Autowired
    ContactService contacts;
    @Autowired
    TemplateService templates;
    @Autowired
    StaffDirectory directory;
    @Autowired
    StaffFixtures staff;
    @Autowired
    JdbcTemplate jdbc;

    @BeforeEach
    void admin() {
        staff.firstAdmin("ada", "Ada Admin", "a long enough password");
        loginAs("ada", "ADMIN");
    }

    private static PatientDetails patient(String first, String last, LocalDate born, String cell, String mrn,
                                          String note) {
        return new PatientDetails(first, last, born, cell, mrn, note);
    }

    static Stream<Arguments> patients() {
        return Stream.of(
                Arguments.of("a name of 101 letters", patient("A".repeat(101), "Lee", BORN, null, null, null),
                        "at most 100 characters"),
                Arguments.of("a NUL in the first name", patient("Ann\u0000a", "Lee", BORN, null, null, null),
                        "first name contains a control character"),
                Arguments.of("an escape in the last name", patient("Anna", "Lee\u001B[2J", BORN, null, null, null),
                        "last name contains a control character"),
                Arguments.of("a right-to-left override in the last name",
                        patient("Anna", "Lee" + RLO + "nosliw", BORN, null, null, null),
                        "last name contains a hidden text-direction mark"),
                Arguments.of("a left-to-right mark in the first name", patient(LRM + "Anna", "Lee", BORN, null, null,
                        null), "first name contains a hidden text-direction mark"),
                Arguments.of("a bell in the internal note", patient("Anna", "Lee", BORN, null, null, "call\u0007 her"),
                        "internal note contains a control character"),
                Arguments.of("a date of birth tomorrow", patient("Anna", "Lee", LocalDate.now().plusDays(1), null,
                        null, null), "cannot be in the future"),
                Arguments.of("a date of birth in 1850", patient("Anna", "Lee", LocalDate.of(1850, 1, 1), null, null,
                        null), "check the year"),
                Arguments.of("a phone number of letters", patient("Anna", "Lee", BORN, "call me maybe", null, null),
                        "number"),
                Arguments.of("an MRN with a script tag", patient("Anna", "Lee", BORN, null, "<script>", null),
                        "MRN has up to 64 letters"),
                Arguments.of("a note of 2001 characters", patient("Anna", "Lee", BORN, null, null, "x".repeat(2001)),
                        "at most 2000 characters"));
    }

    @ParameterizedTest(name = "patient: {0}")
    @MethodSource("patients")
    void aPatientFormWithBadInputIsRefusedNamingTheProblemAndNothingIsStored(String what, PatientDetails details,
                                                                            String message) {
        long before = count("contact");
        assertThatThrownBy(() -> contacts.createPatient("ada", details))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message);
        assertThat(count("contact")).as(what).isEqualTo(before);
    }

    static Stream<Arguments> templateInputs() {
        return Stream.of(
                Arguments.of("", "Your results are in.", "Give the template a name"),
                Arguments.of("Results" + RLO + "txet", "Your results are in.", "name contains a hidden text-direction"),
                Arguments.of("Results\u0000", "Your results are in.", "name contains a control character"),
                Arguments.of("Results", "", "Write the template's text"),
                Arguments.of("Results", "Your results\u001B are in.", "text contains a control character"),
                Arguments.of("Results", "Your results are in " + LRM + "today.", "text contains a hidden"),
                Arguments.of("Results", "Hello {patient.nmae}", "{patient.nmae}"));
    }

    @ParameterizedTest(name = "template: {0} / {1}")
    @MethodSource("templateInputs")
    void aTemplateWithBadInputIsRefusedNamingTheProblemAndNothingIsStored(String name, String body, String message) {
        long before = count("message_template");
        assertThatThrownBy(() -> templates.create("ada", name, body))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message);
        assertThat(count("message_template")).isEqualTo(before);
    }

    static Stream<Arguments> organisations() {
        return Stream.of(
                Arguments.of("", "pharmacy", "+19292030900", "Enter the organisation's name"),
                Arguments.of("Walgreens" + RLO, "pharmacy", "+19292030901", "hidden text-direction"),
                Arguments.of("Walgreens\u0008", "pharmacy", "+19292030902", "control character"),
                Arguments.of("Walgreens", "bakery", "+19292030903", "Choose what kind"),
                Arguments.of("Walgreens", "pharmacy", "not a number", "number"));
    }

    @ParameterizedTest(name = "organisation: {0} / {1} / {2}")
    @MethodSource("organisations")
    void anOrganisationWithBadInputIsRefusedNamingTheProblemAndNothingIsStored(String name, String kind,
                                                                              String phone, String message) {
        long before = count("contact");
        assertThatThrownBy(() -> contacts.createOrganisation("ada", name, kind, phone))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message);
        assertThat(count("contact")).isEqualTo(before);
    }

    static Stream<Arguments> accounts() {
        return Stream.of(
                Arguments.of("dana", "", "a long enough password", "Enter the name colleagues know them by"),
                Arguments.of("dana", "Dana\u0000Front", "a long enough password", "name contains a control character"),
                Arguments.of("dana", "Dana " + RLO + "tnorF", "a long enough password", "hidden text-direction"),
                Arguments.of("dana", "Dana Front", "short", "password"));
    }

    @ParameterizedTest(name = "staff account: {0} / {1}")
    @MethodSource("accounts")
    void aStaffAccountWithBadInputIsRefusedNamingTheProblemAndNothingIsStored(String username, String name,
                                                                             String password, String message) {
        long before = count("staff_user");
        assertThatThrownBy(() -> directory.createAccount("ada", username, name, password, Role.STAFF))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message);
        assertThat(count("staff_user")).isEqualTo(before);
    }

    private long count(String table) {
        return jdbc.queryForObject("select count(*) from " + table, Long.class);
    }
}

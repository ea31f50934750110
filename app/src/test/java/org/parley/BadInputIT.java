package org.parley;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.parley.chart.ConfiguredExporter;
import org.parley.chart.ExporterService;
import org.parley.line.KeywordReplies;
import org.parley.line.LineService;
import org.parley.line.LineSnapshot;
import org.parley.patient.ContactService;
import org.parley.patient.ImportReport;
import org.parley.patient.Organisations;
import org.parley.patient.PatientDetails;
import org.parley.patient.PatientImport;
import org.parley.security.Role;
import org.parley.security.StaffDirectory;
import org.parley.security.StaffFixtures;
import org.parley.template.TemplateService;
import org.parley.testsupport.KaribuTest;
import org.parley.testsupport.TestStaff;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What a person types into the forms for patients, organisations, templates, staff accounts, lines and chart
 * exporters, and a row of a patient CSV import, as a table of bad input: too long, the wrong type, script, control
 * characters, hidden text-direction marks, a bad phone number or date. Each is refused with a message naming the
 * field and the problem, and nothing is stored.
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

    Organisations organisations;
    @Autowired
    TemplateService templates;
    @Autowired
    StaffDirectory directory;
    @Autowired
    StaffFixtures staff;
    @Autowired
    LineService lines;
    @Autowired
    ExporterService exporters;
    @Autowired
    PatientImport patientImport;
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
        assertThatThrownBy(() -> templates.create(TestStaff.named("ada"), name, body))
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
        assertThatThrownBy(() -> organisations.createOrganisation("ada", name, kind, phone))
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
        assertThatThrownBy(() -> directory.createAccount(TestStaff.named("ada"), username, name, password, Role.STAFF))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message);
        assertThat(count("staff_user")).isEqualTo(before);
    }

    private static LineSnapshot line(String id, String name, String number, String provider,
                                     Map<String, String> settings, String helpText) {
        return new LineSnapshot(id, name, number, provider, settings, KeywordReplies.PARLEY, helpText);
    }

    private static LineSnapshot sandboxLine(String name, Map<String, String> settings, String helpText) {
        return line("front-desk", name, "+19292039001", "sandbox", settings, helpText);
    }

    static Stream<Arguments> lineForms() {
        return Stream.of(
                Arguments.of("an id with a script tag", line("<script>", "Front desk", "+19292039001", "sandbox",
                        Map.of(), null), "A line id has 1 to 40 lower-case letters"),
                Arguments.of("a name of 201 characters", sandboxLine("F".repeat(201), Map.of(), null),
                        "line's name has at most 200 characters"),
                Arguments.of("a NUL in the name", sandboxLine("Front\u0000desk", Map.of(), null),
                        "line's name contains a control character"),
                Arguments.of("a right-to-left override in the name", sandboxLine("Front " + RLO + "ksed", Map.of(),
                        null), "line's name contains a hidden text-direction mark"),
                Arguments.of("an escape in the answer to HELP", sandboxLine("Front desk", Map.of(),
                        "Call us\u001B[2J"), "help text contains a control character"),
                Arguments.of("a left-to-right mark in the answer to HELP", sandboxLine("Front desk", Map.of(),
                        LRM + "Call us"), "help text contains a hidden text-direction mark"),
                Arguments.of("an answer to HELP of 321 characters", sandboxLine("Front desk", Map.of(),
                        "h".repeat(321)), "must fit in two texts (320 characters)"),
                Arguments.of("a number of letters", line("front-desk", "Front desk", "call me maybe", "sandbox",
                        Map.of(), null), "number must be in international format"),
                Arguments.of("a script URL as the carrier URL", sandboxLine("Front desk",
                        Map.of("carrierUrl", "javascript:alert(document.cookie)"), null),
                        "setting 'Carrier URL' must be an absolute http(s) URL"),
                Arguments.of("a bell in the signing secret", sandboxLine("Front desk",
                        Map.of("signingSecret", "s3cret\u0007"), null),
                        "setting 'Signing secret' contains a control character"),
                Arguments.of("a signing secret of 4001 characters", sandboxLine("Front desk",
                        Map.of("signingSecret", "s".repeat(4001)), null), "setting 'Signing secret' is too long"),
                Arguments.of("a right-to-left override in Twilio's greeting", line("front-desk", "Front desk",
                        "+19292039001", "twilio", Map.of("accountSid", "AC123", "authToken", "token",
                                "greeting", "Hello " + RLO + "olleh"), null),
                        "setting 'Voicemail greeting' contains a hidden text-direction mark"));
    }

    @ParameterizedTest(name = "line: {0}")
    @MethodSource("lineForms")
    void aLineWithBadInputIsRefusedNamingTheProblemAndNothingIsStored(String what, LineSnapshot line, String message) {
        long before = count("line");
        long settingsBefore = count("line_setting");
        assertThatThrownBy(() -> lines.save(TestStaff.named("ada"), line))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message);
        assertThat(count("line")).as(what).isEqualTo(before);
        assertThat(count("line_setting")).as(what).isEqualTo(settingsBefore);
    }

    private static ConfiguredExporter hl7(String id, String name, Map<String, String> settings) {
        return new ConfiguredExporter(id, "hl7v2-export", name, settings, false, true);
    }

    private static ConfiguredExporter hl7(String name, Map<String, String> settings) {
        return hl7("ehr", name, settings);
    }

    static Stream<Arguments> exporterForms() {
        Map<String, String> good = Map.of("host", "hl7.ehr.example.org", "port", "2575");
        return Stream.of(
                Arguments.of("an id with a script tag", hl7("<script>", "EHR", good), "An exporter id has up to 40"),
                Arguments.of("a name of 201 characters", hl7("E".repeat(201), good), "at most 200 characters"),
                Arguments.of("a bell in the name", hl7("EHR\u0007", good),
                        "exporter's name contains a control character"),
                Arguments.of("a left-to-right mark in the name", hl7(LRM + "EHR", good),
                        "exporter's name contains a hidden text-direction mark"),
                Arguments.of("a port in words", hl7("EHR", Map.of("host", "hl7.ehr.example.org", "port", "ten")),
                        "setting 'Port' must be a whole number"),
                Arguments.of("yes for TLS", hl7("EHR", Map.of("host", "hl7.ehr.example.org", "port", "2575",
                        "tls", "yes")), "setting 'Use TLS' must be true or false"),
                Arguments.of("an escape in the host", hl7("EHR", Map.of("host", "hl7.ehr\u001B.example.org",
                        "port", "2575")), "setting 'Host' contains a control character"),
                Arguments.of("a NUL in the host", hl7("EHR", Map.of("host", "hl7.ehr.example.org\u0000",
                        "port", "2575")), "setting 'Host' contains a control character"),
                Arguments.of("a right-to-left override in the host", hl7("EHR", Map.of("host",
                        "gro.elpmaxe" + RLO + ".hl7", "port", "2575")), "setting 'Host' contains a hidden"),
                Arguments.of("a host of 4001 characters", hl7("EHR", Map.of("host", "h".repeat(4001),
                        "port", "2575")), "setting 'Host' is too long"),
                Arguments.of("a script URL as the FHIR base URL", new ConfiguredExporter("ehr", "fhir-export",
                        "EHR", Map.of("baseUrl", "javascript:alert(document.cookie)", "mrnSystem", "urn:oid:1.2"),
                        false, true), "setting 'FHIR R4 base URL' must be an absolute http(s) URL"));
    }

    @ParameterizedTest(name = "chart exporter: {0}")
    @MethodSource("exporterForms")
    void aChartExporterWithBadInputIsRefusedNamingTheProblemAndNothingIsStored(String what,
                                                                              ConfiguredExporter exporter,
                                                                              String message) {
        long before = count("chart_exporter");
        long settingsBefore = count("chart_exporter_setting");
        assertThatThrownBy(() -> exporters.save(TestStaff.named("ada"), exporter))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message);
        assertThat(count("chart_exporter")).as(what).isEqualTo(before);
        assertThat(count("chart_exporter_setting")).as(what).isEqualTo(settingsBefore);
    }

    static Stream<Arguments> importRows() {
        return Stream.of(
                Arguments.of("a first name of 101 letters", "A".repeat(101) + ",Lee,05/17/1980,(929) 203-9101,",
                        "at most 100 characters"),
                Arguments.of("a NUL in the last name", "Anna,Lee\u0000,05/17/1980,(929) 203-9102,",
                        "last name contains a control character"),
                Arguments.of("an escape in the first name", "An\u001Bna,Lee,05/17/1980,(929) 203-9103,",
                        "first name contains a control character"),
                Arguments.of("a bell in the last name", "Anna,Le\u0007e,05/17/1980,(929) 203-9104,",
                        "last name contains a control character"),
                Arguments.of("a right-to-left override in the last name", "Anna,Lee" + RLO
                        + "nosliw,05/17/1980,(929) 203-9105,", "last name contains a hidden text-direction mark"),
                Arguments.of("a left-to-right mark in the first name", LRM + "Anna,Lee,05/17/1980,(929) 203-9106,",
                        "first name contains a hidden text-direction mark"),
                Arguments.of("a day that is no date", "Anna,Lee,13/45/1980,(929) 203-9107,", "is not a date"),
                Arguments.of("words for the date of birth", "Anna,Lee,yesterday,(929) 203-9108,", "is not a date"),
                Arguments.of("a date of birth in 1850", "Anna,Lee,1850-01-01,(929) 203-9109,", "check the year"),
                Arguments.of("a phone number of letters", "Anna,Lee,05/17/1980,call me maybe,",
                        "not a valid phone number"),
                Arguments.of("a date in the phone column", "Anna,Lee,05/17/1980,05/17/1980,",
                        "not a valid phone number"),
                Arguments.of("an MRN with a script tag", "Anna,Lee,05/17/1980,(929) 203-9110,<script>",
                        "MRN has up to 64 letters"));
    }

    @ParameterizedTest(name = "import row: {0}")
    @MethodSource("importRows")
    void aPatientImportRowWithBadInputIsRefusedNamingTheProblemAndNothingOfItIsStored(String what, String row,
                                                                                     String message) {
        long before = count("contact");
        byte[] file = ("first name,last name,date of birth,cell phone,MRN\r\n" + row + "\r\n")
                .getBytes(StandardCharsets.UTF_8);

        ImportReport report = patientImport.importCsv("ada", file, (done, total) -> { });

        assertThat(report.imported()).as(what).isZero();
        assertThat(report.refused()).singleElement().satisfies(refused -> {
            assertThat(refused.row()).isEqualTo(2);
            assertThat(refused.reason()).contains(message);
        });
        assertThat(count("contact")).as(what).isEqualTo(before);
    }

    private long count(String table) {
        return jdbc.queryForObject("select count(*) from " + table, Long.class);
    }
}

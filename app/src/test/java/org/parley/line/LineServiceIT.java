package org.parley.line;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.parley.audit.AuditEntry;
import org.parley.audit.AuditEntries;
import org.parley.testsupport.TestStaff;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.domain.PageRequest;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.annotation.DirtiesContext;

/**
 * Changing a line is for admins, and the server enforces it: hiding the page from staff is not the only
 * guard. As an admin, what is saved is checked, and secrets are generated or kept rather than lost.
 */
@SpringBootTest(properties = {"spring.datasource.url=jdbc:h2:mem:lineservice;DB_CLOSE_DELAY=-1",
        "parley.plugins.dir=${parley.test.plugins-dir}"})
@DirtiesContext
class LineServiceIT {

    /** The line application.properties declares. */
    private static final String DECLARED_NUMBER = "+15555550100";
    private static final String SECRET = "signingSecret";

    @Autowired
    LineService lines;
    @Autowired
    AuditEntries audit;

    @Test
    @WithMockUser(username = "nurse", roles = "STAFF")
    void staffCannotSaveALineAndNothingIsStored() {
        assertThatThrownBy(() -> lines.save(TestStaff.named("nurse"), sandboxLine("staff-line", "+19292030100", Map.of())))
                .isInstanceOf(AccessDeniedException.class);

        assertThat(lines.find("staff-line")).isEmpty();
        assertThat(lineSavedBy("nurse")).isEmpty();
    }

    @Test
    @WithMockUser(username = "nurse", roles = "STAFF")
    void staffCannotChangeAnExistingLinesNumber() {
        LineSnapshot declared = lines.find("sandbox").orElseThrow();

        assertThatThrownBy(() -> lines.save(TestStaff.named("nurse"), new LineSnapshot("sandbox", declared.name(), "+19292030101",
                "sandbox", Map.of()))).isInstanceOf(AccessDeniedException.class);

        assertThat(lines.find("sandbox")).get().extracting(LineSnapshot::number).isEqualTo(DECLARED_NUMBER);
    }

    @Test
    void nobodyLoggedInCannotSaveALine() {
        assertThatThrownBy(() -> lines.save(TestStaff.named("someone"), sandboxLine("anonymous-line", "+19292030102", Map.of())))
                .isInstanceOfAny(AccessDeniedException.class, AuthenticationException.class);

        assertThat(lines.find("anonymous-line")).isEmpty();
    }

    @Test
    @WithMockUser(username = "ada", roles = "ADMIN")
    void anAdminSavesALineWithAGeneratedSigningSecretAndItIsAudited() {
        LineSnapshot saved = lines.save(TestStaff.named("ada"), new LineSnapshot("front-desk", "  Front desk ",
                "+1 (929) 203-0110", "sandbox", Map.of(SECRET, "  ")));

        assertThat(saved.name()).isEqualTo("Front desk");
        assertThat(saved.number()).as("stored in E.164").isEqualTo("+19292030110");
        assertThat(saved.settings().get(SECRET)).as("32 random bytes, Base64url").matches("[A-Za-z0-9_-]{43}");
        assertThat(lines.find("front-desk")).contains(saved);
        assertThat(lineSavedBy("ada")).anySatisfy(entry -> {
            assertThat(entry.targetType()).isEqualTo("line");
            assertThat(entry.targetId()).isEqualTo("front-desk");
            assertThat(entry.detail()).isEqualTo("provider sandbox; created").doesNotContain(saved.settings().get(SECRET));
        });
    }

    @Test
    @WithMockUser(username = "ada", roles = "ADMIN")
    void aSecretLeftBlankInTheFormKeepsTheStoredOneAndATypedOneReplacesIt() {
        lines.save(TestStaff.named("ada"), sandboxLine("back-office", "+19292030120", Map.of(SECRET, "the-first-secret")));

        LineSnapshot renamed = lines.save(TestStaff.named("ada"), new LineSnapshot("back-office", "Back office, upstairs",
                "+19292030120", "sandbox", Map.of(SECRET, "")));

        assertThat(renamed.name()).isEqualTo("Back office, upstairs");
        assertThat(renamed.settings()).containsEntry(SECRET, "the-first-secret");

        LineSnapshot rotated = lines.save(TestStaff.named("ada"), sandboxLine("back-office", "+19292030120",
                Map.of(SECRET, "the-second-secret")));

        assertThat(rotated.settings()).containsEntry(SECRET, "the-second-secret");
        assertThat(lines.find("back-office").orElseThrow().settings()).containsEntry(SECRET, "the-second-secret");
        // The audit log names what changed, never a setting's value.
        assertThat(lineSavedBy("ada")).filteredOn(e -> e.targetId().equals("back-office"))
                .extracting(AuditEntry::detail).containsExactly(
                        "provider sandbox; changed: name, settings." + SECRET,
                        "provider sandbox; changed: name",
                        "provider sandbox; created")
                .noneMatch(detail -> detail.contains("the-first-secret") || detail.contains("the-second-secret"));
    }

    @Test
    @WithMockUser(username = "ada", roles = "ADMIN")
    void aNumberNotInInternationalFormatIsRefusedWithAnExample() {
        for (String bad : List.of("+1 23", "call the front desk", "9292038684", "")) {
            assertThatThrownBy(() -> lines.save(TestStaff.named("ada"), sandboxLine("bad-number", bad, Map.of())))
                    .as("'%s'", bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("The line's number must be in international format, e.g. +19292038684.");
        }

        assertThat(lines.find("bad-number")).isEmpty();
    }

    @Test
    @WithMockUser(username = "ada", roles = "ADMIN")
    void aNumberAnotherLineAlreadyHasIsRefusedNamingThatLine() {
        assertThatThrownBy(() -> lines.save(TestStaff.named("ada"), sandboxLine("twin", "+1 555 555 0100", Map.of())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Line 'sandbox' already has this number.");

        assertThat(lines.find("twin")).isEmpty();
        assertThat(lines.find("sandbox")).get().extracting(LineSnapshot::number).isEqualTo(DECLARED_NUMBER);
    }

    @Test
    @WithMockUser(username = "ada", roles = "ADMIN")
    void anIdThatCannotBeInAWebhookUrlIsRefused() {
        assertThatThrownBy(() -> lines.save(TestStaff.named("ada"), sandboxLine("Front Desk/1", "+19292030130", Map.of())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("lower-case letters, digits or dashes");
    }

    private static LineSnapshot sandboxLine(String id, String number, Map<String, String> settings) {
        return new LineSnapshot(id, id, number, "sandbox", settings);
    }

    private List<AuditEntry> lineSavedBy(String actor) {
        return audit.newest("LINE_SAVED", PageRequest.of(0, 1000)).stream().filter(e -> e.actor().equals(actor))
                .toList();
    }
}

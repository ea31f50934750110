package org.parley.audit.ui;

import static com.github.mvysny.kaributesting.v10.GridKt._getFormattedRow;
import static com.github.mvysny.kaributesting.v10.GridKt._size;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.mvysny.kaributesting.v10.LocatorJ;
import com.github.mvysny.kaributesting.v10.MockAccessDeniedException;
import com.vaadin.flow.component.UI;
import java.io.StringWriter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.parley.audit.AuditAction;
import org.parley.audit.AuditEntries;
import org.parley.audit.AuditFilter;
import org.parley.audit.AuditLog;
import org.parley.security.Role;
import org.parley.security.StaffFixtures;
import org.parley.testsupport.KaribuTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.domain.PageRequest;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.test.context.support.WithMockUser;

@SpringBootTest(properties = {"spring.datasource.url=jdbc:h2:mem:audit-view;DB_CLOSE_DELAY=-1",
        "parley.plugins.dir=${parley.test.plugins-dir}"})
class AuditLogViewTest extends KaribuTest {

    @Autowired
    StaffFixtures staff;
    @Autowired
    AuditLog audit;
    @Autowired
    AuditEntries auditEntries;

    private final String patientId = String.valueOf(System.nanoTime());

    @BeforeEach
    void somethingHappened() {
        staff.firstAdmin("admin", "Ada Admin", "a long enough password");
        staff.account("nurse", "Nora Nurse", "a nurse's long password", Role.STAFF);
        audit.record("nurse", AuditAction.PATIENTS_MERGED, "contact", patientId, "merged contact 42");
        audit.record("nurse", AuditAction.CONVERSATION_VIEWED, "conversation", "7", null);
        audit.record("admin", AuditAction.PATIENT_UPDATED, "contact", "=HYPERLINK(\"x\")", "a detail, with \"quotes\"");
    }

    @Test
    void anAdminFiltersTheLogByUserActionAndRecord() {
        loginAs("admin", "ADMIN");
        UI.getCurrent().navigate("admin/audit");
        AuditLogView view = _get(AuditLogView.class);

        _setValue(view.actor, "NURSE");
        _setValue(view.action, AuditAction.PATIENTS_MERGED);
        _setValue(view.targetType, "contact");
        _setValue(view.targetId, patientId);

        assertThat(_size(view.grid)).isEqualTo(1);
        assertThat(_getFormattedRow(view.grid, 0).subList(1, 5))
                .containsExactly("nurse", "PATIENTS_MERGED", "contact " + patientId, "merged contact 42");
    }

    @Test
    @WithMockUser(roles = "ADMIN")
    void theCsvExportQuotesEveryFieldDefusesFormulasAndIsItselfAudited() throws Exception {
        StringWriter csv = new StringWriter();

        audit.exportCsv("admin", new AuditFilter("admin", null, null, null, null, null), csv);

        assertThat(csv.toString()).startsWith("id,occurred_at,actor,action,target_type,target_id,detail\n")
                .contains("\"'=HYPERLINK(\"\"x\"\")\"").contains("\"a detail, with \"\"quotes\"\"\"");
        assertThat(auditEntries.newest("AUDIT_EXPORTED", PageRequest.of(0, 5)))
                .isNotEmpty();
    }

    @Test
    void anAdminChecksTheLogsIntegrityAndTheCheckIsItselfAudited() {
        loginAs("admin", "ADMIN");
        UI.getCurrent().navigate("admin/audit");
        AuditLogView view = _get(AuditLogView.class);

        LocatorJ._click(view.check);

        assertThat(view.checkResult.getText()).startsWith("The audit log is intact: ").contains("entries checked");
        assertThat(auditEntries.newest("AUDIT_CHAIN_CHECKED", PageRequest.of(0, 1)))
                .first().satisfies(entry -> {
                    assertThat(entry.actor()).isEqualTo("admin");
                    assertThat(entry.detail()).startsWith("intact: ");
                });
    }

    @Test
    void staffCannotOpenTheAuditLogNorReadItThroughTheService() {
        loginAs("nurse", "STAFF");

        assertThatThrownBy(() -> UI.getCurrent().navigate("admin/audit")).isInstanceOf(MockAccessDeniedException.class);
        assertThatThrownBy(() -> audit.search(AuditFilter.all(), 0, 10))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> audit.checkChain("nurse")).isInstanceOf(AccessDeniedException.class);
    }
}

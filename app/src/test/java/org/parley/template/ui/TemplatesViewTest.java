package org.parley.template.ui;

import static com.github.mvysny.kaributesting.v10.GridKt._getFormattedRow;
import static com.github.mvysny.kaributesting.v10.GridKt._size;
import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.mvysny.kaributesting.v10.MockAccessDeniedException;
import com.vaadin.flow.component.UI;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.parley.audit.AuditEntries;
import org.parley.security.Role;
import org.parley.security.StaffFixtures;
import org.parley.template.TemplateService;
import org.parley.testsupport.KaribuTest;
import org.parley.testsupport.TestStaff;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.domain.PageRequest;
import org.springframework.security.access.AccessDeniedException;

@SpringBootTest(properties = {"spring.datasource.url=jdbc:h2:mem:templates-view;DB_CLOSE_DELAY=-1",
        "parley.plugins.dir=${parley.test.plugins-dir}", "parley.practice.name=Amboy Family Practice"})
class TemplatesViewTest extends KaribuTest {

    @Autowired
    StaffFixtures staff;
    @Autowired
    TemplateService templates;
    @Autowired
    AuditEntries audit;

    @BeforeEach
    void accountsExist() {
        staff.firstAdmin("admin", "Ada Admin", "a long enough password");
        staff.account("nurse", "Nora Nurse", "a nurse's long password", Role.STAFF);
    }

    private static List<List<String>> rows(TemplatesView view) {
        return IntStream.range(0, _size(view.grid)).mapToObj(i -> _getFormattedRow(view.grid, i)).toList();
    }

    @Test
    void theTwoStarterTemplatesAreThereFromTheFirstStart() {
        loginAs("admin", "ADMIN");
        UI.getCurrent().navigate("admin/templates");
        TemplatesView view = _get(TemplatesView.class);

        _setValue(view.search, "voicemail");
        assertThat(rows(view)).hasSize(1);
        assertThat(rows(view).getFirst().get(1)).contains("We answer voicemails by text", "Reply STOP to opt out");
        _setValue(view.search, "acknowledge");
        assertThat(rows(view).getFirst().getFirst()).isEqualTo("Acknowledge message");
    }

    @Test
    void anAdminWritesATemplateSeeingThePreviewAsTheyTypeAndAMisspeltPlaceholderIsRefusedByName() {
        loginAs("admin", "ADMIN");
        UI.getCurrent().navigate("admin/templates");
        TemplatesView view = _get(TemplatesView.class);
        TemplateForm form = view.form;

        _setValue(form.name, "Lab results ready");
        _setValue(form.body, "Hi {patient.fristName}, your lab results are in.");
        assertThat(form.problem.getText()).startsWith("Unknown placeholder {patient.fristName}. Parley fills in "
                + "{patient.firstName}, ");
        _click(form.save);
        assertThat(form.error.getText()).startsWith("Unknown placeholder {patient.fristName}.");
        assertThat(templates.count("Lab results ready")).isZero();

        _setValue(form.body, "Hi {patient.firstName}, your lab results are in. {staff.firstName}, {practice.name}");
        assertThat(form.problem.getText()).isEmpty();
        assertThat(form.preview.getText())
                .isEqualTo("Hi Maria, your lab results are in. Ada, Amboy Family Practice");
        _click(form.save);

        assertThat(view.message.getText()).isEqualTo("Template 'Lab results ready' saved.");
        _setValue(view.search, "lab results");
        assertThat(rows(view)).containsExactly(List.of("Lab results ready",
                "Hi {patient.firstName}, your lab results are in. {staff.firstName}, {practice.name}"));
        assertThat(audit.newest("TEMPLATE_CREATED", PageRequest.of(0, 10)))
                .anyMatch(entry -> entry.actor().equals("admin"));
    }

    @Test
    void anAdminRenamesAndDeletesATemplateAndANameInUseIsRefused() {
        loginAs("admin", "ADMIN");
        var created = templates.create(TestStaff.named("admin"), "Flu shots", "Flu shots are in, {patient.firstName}.");
        UI.getCurrent().navigate("admin/templates");
        TemplatesView view = _get(TemplatesView.class);
        _setValue(view.search, "flu shots");
        view.grid.select(created);

        _setValue(view.form.name, "acknowledge MESSAGE");
        _click(view.form.save);
        assertThat(view.form.error.getText()).isEqualTo("There is already a template named 'Acknowledge message'.");

        _setValue(view.form.name, "Flu shots 2026");
        _click(view.form.save);
        assertThat(templates.find(created.id()).orElseThrow().name()).isEqualTo("Flu shots 2026");

        _click(view.form.delete);
        assertThat(templates.find(created.id())).isEmpty();
        assertThat(audit.newest("TEMPLATE_DELETED", PageRequest.of(0, 10)))
                .anyMatch(entry -> entry.targetId().equals(String.valueOf(created.id())));
    }

    @Test
    void staffAreRefusedThePageAndTheServiceRefusesThemToo() {
        loginAs("nurse", "STAFF");

        assertThatThrownBy(() -> UI.getCurrent().navigate("admin/templates"))
                .isInstanceOf(MockAccessDeniedException.class);
        assertThatThrownBy(() -> templates.create(TestStaff.named("nurse"), "Mine", "Hello"))
                .isInstanceOf(AccessDeniedException.class);
        long any = templates.search("", 0, 1).getFirst().id();
        assertThatThrownBy(() -> templates.update(TestStaff.named("nurse"), any, "Mine", "Hello"))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> templates.delete(TestStaff.named("nurse"), any)).isInstanceOf(AccessDeniedException.class);
        assertThat(templates.find(any)).isPresent();
    }
}

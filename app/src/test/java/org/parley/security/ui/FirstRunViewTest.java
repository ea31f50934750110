package org.parley.security.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.parley.audit.AuditEntries;
import org.parley.practice.PracticeProfiles;
import org.parley.security.StaffDirectory;
import org.parley.testsupport.KaribuTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.domain.PageRequest;
import org.springframework.test.annotation.DirtiesContext;

@SpringBootTest(properties = {"spring.datasource.url=jdbc:h2:mem:firstrun;DB_CLOSE_DELAY=-1",
        "parley.plugins.dir=${parley.test.plugins-dir}"})
@DirtiesContext
class FirstRunViewTest extends KaribuTest {

    @Autowired
    StaffDirectory directory;
    @Autowired
    AuditEntries audit;
    @Autowired
    PracticeProfiles practice;

    @Test
    void anEmptyParleyAsksForTheFirstAdminAndThenOffersTheLogin() {
        UI.getCurrent().navigate("");
        assertThat(_get(FirstRunView.class)).isNotNull();

        _setValue(_get(TextField.class, spec -> spec.withId("setup-username")), "Alice");
        _click(_get(Button.class, spec -> spec.withId("setup-create")));
        // The practice's name is asked first: without it nothing is created.
        assertThat(_get(Span.class, spec -> spec.withId("setup-error")).getText())
                .isEqualTo("Enter the practice's name, as patients know it.");
        assertThat(directory.hasAnyUser()).isFalse();
        _setValue(_get(TextField.class, spec -> spec.withId("practice-name")), "Amboy Family Practice");
        _setValue(_get(ComboBox.class, spec -> spec.withId("practice-time-zone")),
                "America/New_York");
        _setValue(_get(TextField.class, spec -> spec.withId("setup-name")), "Alice Admin");
        _setValue(_get(PasswordField.class, spec -> spec.withId("setup-password")), "short");
        _setValue(_get(PasswordField.class, spec -> spec.withId("setup-confirm")), "short");
        _click(_get(Button.class, spec -> spec.withId("setup-create")));
        assertThat(_get(Span.class, spec -> spec.withId("setup-error")).getText())
                .contains("at least 12 characters");
        assertThat(directory.hasAnyUser()).isFalse();

        _setValue(_get(PasswordField.class, spec -> spec.withId("setup-password")), "correct horse battery");
        _setValue(_get(PasswordField.class, spec -> spec.withId("setup-confirm")), "correct horse battery");
        _click(_get(Button.class, spec -> spec.withId("setup-create")));

        assertThat(_get(LoginView.class)).isNotNull();
        assertThat(directory.findByUsername("alice")).get()
                .satisfies(admin -> assertThat(admin.isAdmin()).isTrue());
        assertThat(audit.newest("FIRST_ADMIN_CREATED", PageRequest.of(0, 5))).hasSize(1);
        assertThat(practice.current().name()).isEqualTo("Amboy Family Practice");
        assertThat(practice.current().timeZone()).isEqualTo(ZoneId.of("America/New_York"));

        // Once an admin exists the first-run page is closed: nobody can take over Parley through it.
        UI.getCurrent().navigate("setup");
        assertThat(_get(LoginView.class)).isNotNull();
    }
}

package org.parley.simulator.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Paragraph;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.parley.security.StaffDirectory;
import org.parley.testsupport.KaribuTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/** Issue 19, item 10: the Patient phone page says which sandbox numbers are landlines. */
@SpringBootTest(properties = {"spring.datasource.url=jdbc:h2:mem:patientphone;DB_CLOSE_DELAY=-1",
        "parley.plugins.dir=${parley.test.plugins-dir}"})
class PatientPhoneViewTest extends KaribuTest {

    @Autowired
    StaffDirectory directory;

    @BeforeEach
    void loggedIn() {
        if (!directory.hasAnyUser()) {
            directory.createFirstAdmin("admin", "Ada Admin", "a long enough password");
        }
        loginAs("admin", "ADMIN");
    }

    @Test
    void thePageSaysWhichNumbersTheSandboxTreatsAsLandlinesAndItsOwnNumberIsAMobile() {
        UI.getCurrent().navigate("patient-phone");
        PatientPhoneView view = _get(PatientPhoneView.class);

        assertThat(_get(Paragraph.class, spec -> spec.withId("sandbox-line-types")).getText())
                .contains("(xxx) 200-xxxx numbers are landlines").contains("every other number is a mobile");
        assertThat(view.phone.getValue()).doesNotMatch("\\+1\\d{3}20[01]\\d{4}");
    }
}

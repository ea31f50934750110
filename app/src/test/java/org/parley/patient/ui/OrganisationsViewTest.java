package org.parley.patient.ui;

import static com.github.mvysny.kaributesting.v10.GridKt._getFormattedRow;
import static com.github.mvysny.kaributesting.v10.GridKt._size;
import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import org.junit.jupiter.api.Test;
import org.parley.security.StaffFixtures;
import org.parley.testsupport.KaribuTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

@SpringBootTest(properties = {"spring.datasource.url=jdbc:h2:mem:patients-view;DB_CLOSE_DELAY=-1",
        "parley.plugins.dir=${parley.test.plugins-dir}"})
class OrganisationsViewTest extends KaribuTest {

    @Autowired
    StaffFixtures staff;

    @Test
    void staffAddAPharmacyAndABadNumberIsExplained() {
        staff.firstAdmin("admin", "Ada Admin", "a long enough password");
        loginAs("admin", "ADMIN");
        UI.getCurrent().navigate("contacts");
        OrganisationsView view = _get(OrganisationsView.class);

        _setValue(view.name, "Walgreens Pharmacy 7001 Amboy Rd.");
        _setValue(view.kind, "pharmacy");
        _setValue(view.number, "12345");
        _click(_get(Button.class, spec -> spec.withId("add-organisation")));
        assertThat(view.error.getText()).startsWith("That is not a valid phone number");

        _setValue(view.number, "(929) 203-9900");
        _click(_get(Button.class, spec -> spec.withId("add-organisation")));

        assertThat(view.error.getText()).isEmpty();
        assertThat(_size(view.grid)).isEqualTo(1);
        assertThat(_getFormattedRow(view.grid, 0).subList(0, 3))
                .containsExactly("Walgreens Pharmacy 7001 Amboy Rd.", "pharmacy", "(929) 203-9900");
    }
}

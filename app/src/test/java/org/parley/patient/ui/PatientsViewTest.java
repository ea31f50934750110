package org.parley.patient.ui;

import static com.github.mvysny.kaributesting.v10.GridKt._getFormattedRow;
import static com.github.mvysny.kaributesting.v10.GridKt._size;
import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.parley.security.StaffFixtures;
import org.parley.testsupport.KaribuTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

@SpringBootTest(properties = {"spring.datasource.url=jdbc:h2:mem:patients-view;DB_CLOSE_DELAY=-1",
        "parley.plugins.dir=${parley.test.plugins-dir}"})
class PatientsViewTest extends KaribuTest {

    @Autowired
    StaffFixtures staff;

    @BeforeEach
    void loggedIn() {
        staff.firstAdmin("admin", "Ada Admin", "a long enough password");
        loginAs("admin", "ADMIN");
    }

    private static List<List<String>> rows(PatientsView view) {
        return IntStream.range(0, _size(view.grid)).mapToObj(i -> _getFormattedRow(view.grid, i)).toList();
    }

    private static void fill(PatientsView view, String first, String last, LocalDate dob, String cell) {
        _setValue(view.form.firstName, first);
        _setValue(view.form.lastName, last);
        _setValue(view.form.dateOfBirth, dob);
        _setValue(view.form.cellPhone, cell);
    }

    @Test
    void staffAddAPatientAndFindItByNumberTypedAnotherWay() {
        UI.getCurrent().navigate("patients");
        PatientsView view = _get(PatientsView.class);

        _click(_get(Button.class, spec -> spec.withId("add-patient")));
        fill(view, "Grace", "Hopper", LocalDate.of(1956, 12, 9), "929.203.4444");
        _click(view.form.save);

        assertThat(view.dialog.isOpened()).isFalse();
        _setValue(view.search, "+1 929 203 4444");
        assertThat(rows(view)).containsExactly(List.of("Hopper, Grace", "12/09/1956", "(929) 203-4444", ""));
    }

    @Test
    void aBadNumberAndATakenNumberAreExplainedInTheForm() {
        UI.getCurrent().navigate("patients");
        PatientsView view = _get(PatientsView.class);
        _click(_get(Button.class, spec -> spec.withId("add-patient")));
        fill(view, "Alan", "Turing", LocalDate.of(1954, 6, 7), "12345");
        _click(view.form.save);
        assertThat(view.form.error.getText()).startsWith("That is not a valid phone number");
        assertThat(view.dialog.isOpened()).isTrue();

        fill(view, "Alan", "Turing", LocalDate.of(1954, 6, 7), "(929) 203-5555");
        _click(view.form.save);
        _click(_get(Button.class, spec -> spec.withId("add-patient")));
        fill(view, "Joan", "Clarke", LocalDate.of(1917, 6, 24), "929 203 5555");
        _click(view.form.save);

        assertThat(view.form.error.getText())
                .isEqualTo("This cell number already belongs to Alan Turing. Link the two as guardian and dependent, "
                        + "or merge them if they are the same person.");
    }

    @Test
    void aTakenNumberOffersToAddTheNewPatientAsTheOwnersDependent() {
        UI.getCurrent().navigate("patients");
        PatientsView view = _get(PatientsView.class);
        _click(_get(Button.class, spec -> spec.withId("add-patient")));
        fill(view, "Rosa", "Family", LocalDate.of(1980, 1, 1), "(929) 203-5656");
        _click(view.form.save);
        _click(_get(Button.class, spec -> spec.withId("add-patient")));
        fill(view, "Tom", "Family", LocalDate.of(2016, 5, 5), "929-203-5656");
        _click(view.form.save);

        _click(_get(Button.class, spec -> spec.withId("add-as-dependent")));

        assertThat(view.dialog.isOpened()).isFalse();
        _setValue(view.search, "Family");
        assertThat(rows(view)).extracting(row -> row.get(0) + " " + row.get(2))
                .containsExactlyInAnyOrder("Family, Rosa (929) 203-5656", "Family, Tom Guardian's phone");
    }

    @Test
    void aPatientsLanguageForSecureMessagePagesIsSavedAndShownAgain() {
        UI.getCurrent().navigate("patients");
        PatientsView view = _get(PatientsView.class);
        _click(_get(Button.class, spec -> spec.withId("add-patient")));
        fill(view, "Rosa", "Parks", LocalDate.of(1913, 2, 4), "(929) 203-6161");
        assertThat(view.form.language.getValue()).as("English unless chosen").isEqualTo("en");
        _setValue(view.form.language, "es");
        _click(view.form.save);
        assertThat(view.dialog.isOpened()).isFalse();

        _setValue(view.search, "Parks");
        view.edit(GridKt._get(view.grid, 0));
        assertThat(view.form.language.getValue()).isEqualTo("es");
        _setValue(view.form.language, "en");
        _click(view.form.save);
        view.edit(GridKt._get(view.grid, 0));
        assertThat(view.form.language.getValue()).isEqualTo("en");
    }
}

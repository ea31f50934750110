package org.parley.patient.ui;

import static com.github.mvysny.kaributesting.v10.ComboBoxKt.getSuggestionItems;
import static com.github.mvysny.kaributesting.v10.ComboBoxKt.getSuggestions;
import static com.github.mvysny.kaributesting.v10.ComboBoxKt.setUserInput;
import static com.github.mvysny.kaributesting.v10.GridKt._clickItem;
import static com.github.mvysny.kaributesting.v10.GridKt._getFormattedRow;
import static com.github.mvysny.kaributesting.v10.GridKt._size;
import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static com.github.mvysny.kaributesting.v10.pro.ConfirmDialogKt._fireCancel;
import static com.github.mvysny.kaributesting.v10.pro.ConfirmDialogKt._fireConfirm;
import static com.github.mvysny.kaributesting.v10.pro.ConfirmDialogKt._getText;
import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Span;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.parley.patient.ContactService;
import org.parley.patient.PatientDetails;
import org.parley.patient.PatientField;
import org.parley.security.StaffFixtures;
import org.parley.testsupport.KaribuTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

@SpringBootTest(properties = {"spring.datasource.url=jdbc:h2:mem:merge-view;DB_CLOSE_DELAY=-1",
        "parley.plugins.dir=${parley.test.plugins-dir}"})
class MergePatientsViewTest extends KaribuTest {

    @Autowired
    StaffFixtures staff;
    @Autowired
    ContactService contacts;

    PatientsView view;

    @BeforeEach
    void loggedIn() {
        staff.firstAdmin("admin", "Ada Admin", "a long enough password");
        loginAs("admin", "ADMIN");
    }

    private void patient(String first, String last, LocalDate born, String cell, String mrn) {
        contacts.createPatient("admin", new PatientDetails(first, last, born, cell, mrn, null));
    }

    private List<List<String>> rows() {
        return IntStream.range(0, _size(view.grid)).mapToObj(i -> _getFormattedRow(view.grid, i)).toList();
    }

    /** Opens the patients page, finds {@code search}, opens the patient named {@code name} and its merge dialog. */
    private MergePatientsDialog mergeInto(String search, String name) {
        UI.getCurrent().navigate("patients");
        view = _get(PatientsView.class);
        _setValue(view.search, search);
        _clickItem(view.grid, rows().stream().map(row -> row.get(0)).toList().indexOf(name));
        _click(_get(Button.class, spec -> spec.withId("merge-duplicate-open")));
        return view.mergeDialog;
    }

    private static void pick(MergePatientsDialog dialog, String typed, String label) {
        setUserInput(dialog.duplicate, typed);
        assertThat(getSuggestions(dialog.duplicate)).contains(label);
        _setValue(dialog.duplicate, getSuggestionItems(dialog.duplicate).get(getSuggestions(dialog.duplicate)
                .indexOf(label)));
    }

    private static List<String> table(MergePatientsDialog dialog) {
        return dialog.fields.getChildren().filter(Span.class::isInstance).map(c -> ((Span) c).getText()).toList();
    }

    @Test
    void staffPickTheDuplicateSeeBothSideBySideKeepItsNumberAndTheDuplicateLeavesTheList() {
        patient("Rosa", "Twice", LocalDate.of(1970, 5, 5), "(929) 203-6501", null);
        patient("Rosie", "Twice", LocalDate.of(1970, 5, 5), "(929) 203-6502", "MRN-6502");
        MergePatientsDialog dialog = mergeInto("twice", "Twice, Rosa");

        pick(dialog, "twice", "Twice, Rosie · 05/05/1970 · (929) 203-6502");

        assertThat(table(dialog)).containsSequence("First name", "Rosa", "Rosie")
                .containsSequence("Cell phone", "(929) 203-6501", "(929) 203-6502")
                .containsSequence("MRN", "—", "MRN-6502");
        assertThat(dialog.choices.get(PatientField.MRN).getValue()).isEqualTo(MergePatientsDialog.Side.DUPLICATE);
        // Which number the patient keeps, and that the other is dropped, is said before merging.
        assertThat(dialog.numbers.getText()).startsWith("After the merge the patient's cell phone is (929) 203-6501. "
                + "(929) 203-6502 is dropped");
        _setValue(dialog.choices.get(PatientField.CELL_PHONE), MergePatientsDialog.Side.DUPLICATE);
        assertThat(dialog.numbers.getText()).startsWith("After the merge the patient's cell phone is (929) 203-6502. "
                + "(929) 203-6501 is dropped");
        _click(dialog.merge);

        assertThat(dialog.isOpened()).isFalse();
        assertThat(view.dialog.isOpened()).isFalse();
        assertThat(rows()).containsExactly(List.of("Twice, Rosa", "05/05/1970", "(929) 203-6502", "MRN-6502"));
    }

    @Test
    void differentDatesOfBirthAskASecondTimeAndOnlyConfirmingMerges() {
        patient("Theo", "Born", LocalDate.of(1950, 1, 1), "(929) 203-6601", null);
        patient("Theodore", "Born", LocalDate.of(1951, 1, 1), "(929) 203-6602", null);
        MergePatientsDialog dialog = mergeInto("born", "Born, Theo");
        pick(dialog, "born", "Born, Theodore · 01/01/1951 · (929) 203-6602");

        _click(dialog.merge);
        assertThat(dialog.secondConfirmation.isOpened()).isTrue();
        assertThat(_getText(dialog.secondConfirmation)).contains("01/01/1950").contains("01/01/1951");
        _fireCancel(dialog.secondConfirmation);
        assertThat(dialog.isOpened()).isTrue();
        assertThat(rows()).hasSize(2);

        _click(dialog.merge);
        _fireConfirm(dialog.secondConfirmation);

        assertThat(dialog.isOpened()).isFalse();
        assertThat(rows()).containsExactly(List.of("Born, Theo", "01/01/1950", "(929) 203-6601", ""));
    }

    @Test
    void pickingThePatientItselfIsExplainedAndNothingCanBeMerged() {
        patient("Ivy", "Self", LocalDate.of(1990, 2, 2), "(929) 203-6701", null);
        MergePatientsDialog dialog = mergeInto("self", "Self, Ivy");

        pick(dialog, "self", "Self, Ivy · 02/02/1990 · (929) 203-6701");

        assertThat(dialog.error.getText()).isEqualTo("A patient cannot be merged with itself. Pick the duplicate.");
        assertThat(dialog.merge.isEnabled()).isFalse();
    }
}

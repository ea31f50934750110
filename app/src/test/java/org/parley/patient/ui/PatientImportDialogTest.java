package org.parley.patient.ui;

import static com.github.mvysny.kaributesting.v10.GridKt._getFormattedRow;
import static com.github.mvysny.kaributesting.v10.GridKt._size;
import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.parley.security.Role;
import org.parley.security.StaffFixtures;
import org.parley.testsupport.KaribuTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

@SpringBootTest(properties = {"spring.datasource.url=jdbc:h2:mem:patient-import-view;DB_CLOSE_DELAY=-1",
        "parley.plugins.dir=${parley.test.plugins-dir}"})
class PatientImportDialogTest extends KaribuTest {

    @Autowired
    StaffFixtures staff;

    @BeforeEach
    void loggedIn() {
        staff.firstAdmin("admin", "Ada Admin", "a long enough password");
        staff.account("frontdesk", "Fran Frontdesk", "a long enough password", Role.STAFF);
        loginAs("frontdesk", "STAFF");
    }

    private static List<List<String>> rows(Grid<?> grid) {
        return IntStream.range(0, _size(grid)).mapToObj(i -> _getFormattedRow(grid, i)).toList();
    }

    private static PatientImportDialog openImport() {
        _click(_get(Button.class, spec -> spec.withId("import-patients")));
        return _get(PatientImportDialog.class);
    }

    private static void untilStatus(PatientImportDialog dialog, String pattern) {
        await().pollInSameThread().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            roundtrip();
            assertThat(dialog.status.getText()).matches(pattern);
        });
    }

    @Test
    void frontDeskStaffImportAFileAndSeeWhichRowsWereRefusedAndTheNewPatientsInTheList() {
        UI.getCurrent().navigate("patients");
        PatientsView view = _get(PatientsView.class);
        PatientImportDialog dialog = openImport();

        dialog.start(("First name,Last name,DOB,Cell phone,MRN\n"
                + "Ada,Importee,03/09/1984,(929) 205-0001,MRN-501\n"
                + "Bea,Importee,1/2/1990,12345,\n"
                + "Cal,Importee,1990-01-02,929.205.0001,\n"
                + "Dee,Importee,12/31/1999,,\n").getBytes(StandardCharsets.UTF_8));

        untilStatus(dialog, "2 patients imported in \\d+\\.\\d seconds\\. 2 rows were refused:");
        assertThat(dialog.progress.getValue()).isEqualTo(1.0);
        assertThat(rows(dialog.refused)).containsExactly(
                List.of("3", "That is not a valid phone number. Type 10 digits, e.g. (929) 203-8684, or an "
                        + "international number starting with +."),
                List.of("4", "The cell number is already on row 2, imported from this file."));
        _click(_get(Button.class, spec -> spec.withId("import-close")));
        _setValue(view.search, "Importee");
        assertThat(rows(view.grid)).containsExactly(
                List.of("Importee, Ada", "03/09/1984", "(929) 205-0001", "MRN-501"),
                List.of("Importee, Dee", "12/31/1999", "No cell phone", ""));
    }

    @Test
    void aFileWithoutAHeaderRowIsRefusedWholeWithTheReasonOnScreen() {
        UI.getCurrent().navigate("patients");
        PatientImportDialog dialog = openImport();

        dialog.start("Eve,Headless,03/09/1984,(929) 205-0002\n".getBytes(StandardCharsets.UTF_8));

        untilStatus(dialog, "Nothing was imported: The first row must name the columns: .*");
        assertThat(dialog.refused.isVisible()).isFalse();
        assertThat(dialog.upload.isEnabled()).isTrue();
    }
}

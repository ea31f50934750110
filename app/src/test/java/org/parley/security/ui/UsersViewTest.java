package org.parley.security.ui;

import static com.github.mvysny.kaributesting.v10.GridKt._getFormattedRow;
import static com.github.mvysny.kaributesting.v10.GridKt._size;
import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.github.mvysny.kaributesting.v10.MockAccessDeniedException;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.textfield.EmailField;
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

@SpringBootTest(properties = {"spring.datasource.url=jdbc:h2:mem:users-view;DB_CLOSE_DELAY=-1",
        "parley.plugins.dir=${parley.test.plugins-dir}"})
class UsersViewTest extends KaribuTest {

    @Autowired
    StaffFixtures staff;

    @BeforeEach
    void accountsExist() {
        staff.firstAdmin("admin", "Ada Admin", "a long enough password");
        staff.account("nurse", "Nora Nurse", "a nurse's long password", Role.STAFF);
    }

    private static List<String> row(UsersView view, String username) {
        return IntStream.range(0, _size(view.grid)).mapToObj(i -> _getFormattedRow(view.grid, i))
                .filter(r -> r.getFirst().equals(username)).findFirst().orElseThrow();
    }

    @Test
    void anAdminCreatesAColleaguesAccountAndDeactivatesIt() {
        loginAs("admin", "ADMIN");
        UI.getCurrent().navigate("admin/users");
        UsersView view = _get(UsersView.class);

        _setValue(view.username, "pa.patel");
        _setValue(view.displayName, "Priya Patel");
        _setValue(view.password, "qwerty123456");
        _click(_get(Button.class, spec -> spec.withId("create-user")));
        assertThat(view.message.getText()).contains("passwords attackers try first");

        _setValue(view.password, "a proper long passphrase");
        _click(_get(Button.class, spec -> spec.withId("create-user")));
        assertThat(view.message.getText()).isEqualTo("Account 'pa.patel' created.");
        assertThat(row(view, "pa.patel").subList(0, 4)).containsExactly("pa.patel", "Priya Patel", "STAFF", "active");

        int index = IntStream.range(0, _size(view.grid))
                .filter(i -> _getFormattedRow(view.grid, i).getFirst().equals("pa.patel")).findFirst().orElseThrow();
        // The account's tools are not in the grid's rows (they made it wider than the page) but below it.
        assertThat(view.grid.getColumnByKey("actions")).isNull();
        assertThat(view.tools.isVisible()).isFalse();
        var actions = chooseAccount(view, index);
        _click((Button) actions.getComponentAt(0));
        assertThat(((Button) view.actions.getComponentAt(0)).getText()).isEqualTo("Reactivate");
        assertThat(row(view, "pa.patel").get(3)).isEqualTo("deactivated");
    }

    @Test
    void anAdminGivesAnAccountTheAddressItsNotificationEmailsGoToAndAMalformedOneIsRefused() {
        loginAs("admin", "ADMIN");
        UI.getCurrent().navigate("admin/users");
        UsersView view = _get(UsersView.class);

        _setValue(view.username, "mo.miles");
        _setValue(view.displayName, "Mo Miles");
        _setValue(view.password, "a proper long passphrase");
        _setValue(view.email, "mo at the practice");
        _click(_get(Button.class, spec -> spec.withId("create-user")));
        assertThat(view.message.getText()).isEqualTo("Enter an e-mail address such as name@example.org.");

        _setValue(view.email, "mo@practice.example.org");
        _click(_get(Button.class, spec -> spec.withId("create-user")));
        assertThat(row(view, "mo.miles").get(4)).isEqualTo("mo@practice.example.org");

        int index = IntStream.range(0, _size(view.grid))
                .filter(i -> _getFormattedRow(view.grid, i).getFirst().equals("nurse")).findFirst().orElseThrow();
        var actions = chooseAccount(view, index);
        _setValue(_get(actions, EmailField.class,
                spec -> spec.withId("email-nurse")), "nora@practice.example.org");
        _click(_get(actions, Button.class, spec -> spec.withId("save-email-nurse")));
        assertThat(view.message.getText()).isEqualTo("E-mail of nurse saved.");
        assertThat(row(view, "nurse").get(4)).isEqualTo("nora@practice.example.org");
    }

    @Test
    void anAdminGrantsEmergencyAccessWithAReasonAndEndsIt() {
        loginAs("admin", "ADMIN");
        UI.getCurrent().navigate("admin/users");
        UsersView view = _get(UsersView.class);
        var account = IntStream.range(0, _size(view.grid)).mapToObj(i -> view.grid.getDataCommunicator().getItem(i))
                .filter(a -> a.username().equals("nurse")).findFirst().orElseThrow();

        EmergencyDialog dialog = view.openEmergencyDialog(account);
        _click(dialog.grant);
        assertThat(dialog.error.getText()).contains("why");
        _setValue(dialog.reason, "The only admin is on leave");
        _setValue(dialog.duration, Duration.ofHours(8));
        _click(dialog.grant);

        assertThat(dialog.isOpened()).isFalse();
        String emergency = row(view, "nurse").get(view.grid.getColumns().indexOf(view.grid.getColumnByKey("emergency")));
        assertThat(emergency).startsWith("admin until ").contains("The only admin is on leave").contains("(admin)");

        int index = IntStream.range(0, _size(view.grid))
                .filter(i -> _getFormattedRow(view.grid, i).getFirst().equals("nurse")).findFirst().orElseThrow();
        var actions = chooseAccount(view, index);
        _click(actions.getChildren().filter(c -> c.getId().orElse("").equals("revoke-emergency-nurse"))
                .map(Button.class::cast).findFirst().orElseThrow());
        assertThat(view.message.getText()).isEqualTo("Emergency access of nurse ended.");
        assertThat(row(view, "nurse").get(view.grid.getColumns().indexOf(view.grid.getColumnByKey("emergency"))))
                .isEmpty();
    }

    @Test
    void staffAreRefusedTheUsersPage() {
        loginAs("nurse", "STAFF");

        assertThatThrownBy(() -> UI.getCurrent().navigate("admin/users")).isInstanceOf(MockAccessDeniedException.class);
    }

    /** Chooses the account in row {@code index}, as an admin clicks it, and answers its tools below the grid. */
    private static HorizontalLayout chooseAccount(UsersView view, int index) {
        view.grid.select(GridKt._get(view.grid, index));
        assertThat(view.tools.isVisible()).isTrue();
        return view.actions;
    }
}

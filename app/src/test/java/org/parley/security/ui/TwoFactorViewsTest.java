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
import com.vaadin.flow.server.VaadinServletRequest;
import com.vaadin.flow.server.VaadinServletResponse;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.parley.security.Role;
import org.parley.security.SignInSession;
import org.parley.security.StaffFixtures;
import org.parley.security.TwoFactor;
import org.parley.security.settings.SecuritySettings;
import org.parley.testsupport.KaribuTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolderStrategy;

/** What a person sees of two-factor sign-in: the second step, the setup, their own page, and the admin pages. */
@SpringBootTest(properties = {"spring.datasource.url=jdbc:h2:mem:two-factor-views;DB_CLOSE_DELAY=-1",
        "parley.plugins.dir=${parley.test.plugins-dir}"})
class TwoFactorViewsTest extends KaribuTest {

    @Autowired
    StaffFixtures staff;
    @Autowired
    TwoFactor twoFactor;
    @Autowired
    SecuritySettings settings;

    @BeforeEach
    void anAdminExists() {
        staff.firstAdmin("admin", "Ada Admin", "a long enough password");
    }

    private void passwordAccepted(String username) {
        staff.passwordAccepted(VaadinServletRequest.getCurrent().getHttpServletRequest(),
                VaadinServletResponse.getCurrent().getHttpServletResponse(), username);
    }

    private List<String> signedInAuthorities() {
        return context.getBean(SecurityContextHolderStrategy.class).getContext().getAuthentication().getAuthorities()
                .stream().map(GrantedAuthority::getAuthority).toList();
    }

    @Test
    void aBrowserWhosePasswordWasRightSeesOnlyTheSecondStepWhateverPageItOpens() {
        staff.account("vic", "Vic Verify", "vic's long password", Role.ADMIN);
        staff.enrolTwoFactor("vic");
        passwordAccepted("vic");

        for (String page : new String[] {"admin/users", "inbox", "admin/audit", "account/two-factor", "login"}) {
            UI.getCurrent().navigate(page);
            assertThat(_get(SecondFactorView.class)).as(page).isNotNull();
        }
    }

    @Test
    void aWrongCodeIsSaidToBeWrongAndTheRightOneSignsIn() {
        staff.account("val", "Val Valid", "val's long password", Role.ADMIN);
        String secret = staff.enrolTwoFactor("val");
        passwordAccepted("val");
        UI.getCurrent().navigate("login/code");
        SecondFactorView view = _get(SecondFactorView.class);

        _setValue(view.code, "000000");
        _click(view.submit);
        assertThat(view.message.getText()).startsWith("That code is not right.");

        _setValue(view.code, staff.codeNow(secret));
        _click(view.submit);
        assertThat(signedInAuthorities()).contains("ROLE_ADMIN", SignInSession.TOTP_FACTOR);
    }

    @Test
    void anAdminWithoutTwoFactorIsShownTheSetupWithAQrCodeAndGetsTenRecoveryCodes() {
        staff.account("eve", "Eve Enrol", "eve's long password", Role.ADMIN);
        passwordAccepted("eve");

        UI.getCurrent().navigate("inbox");
        EnrolView view = _get(EnrolView.class);
        assertThat(view.form.qrCode.getSrc()).startsWith("data:image/svg+xml;base64,");
        String secret = view.form.secret.getText().replace(" ", "");
        assertThat(secret).matches("[A-Z2-7]{32}");

        _setValue(view.form.code, "123456");
        _click(view.form.confirm);
        assertThat(view.form.error.getText()).startsWith("That code is not right.");
        _setValue(view.form.code, staff.codeNow(secret));
        _click(view.form.confirm);

        assertThat(view.form.recoveryCodes.getChildren().count()).isEqualTo(10);
        assertThat(view.form.done.isAttached()).isTrue();
        assertThat(signedInAuthorities()).contains("ROLE_ADMIN", SignInSession.TOTP_FACTOR);
        assertThat(twoFactor.status("eve").enrolled()).isTrue();
    }

    @Test
    void staffSetUpTwoFactorSignInOnTheirOwnPage() {
        staff.account("stu", "Stu Staff", "stu's long password", Role.STAFF);
        loginAs("stu", "STAFF");
        UI.getCurrent().navigate("account/two-factor");
        TwoFactorView view = _get(TwoFactorView.class);
        assertThat(view.state.getText()).startsWith("Off.");

        String secret = view.form.secret.getText().replace(" ", "");
        _setValue(view.form.code, staff.codeNow(secret));
        _click(view.form.confirm);
        assertThat(view.form.recoveryCodes.getChildren().count()).isEqualTo(10);
        _click(view.form.done);

        assertThat(view.state.getText()).startsWith("On since").contains("10 unused recovery codes");
    }

    @Test
    void anAdminSeesWhoHasTwoFactorSignInAndResetsIt() {
        staff.account("liz", "Liz Lost", "liz's long password", Role.STAFF);
        staff.enrolTwoFactor("liz");
        loginAs("admin", "ADMIN");
        UI.getCurrent().navigate("admin/users");
        UsersView view = _get(UsersView.class);
        assertThat(cell(view, "liz", "Two-factor")).isEqualTo("on");

        int row = IntStream.range(0, _size(view.grid))
                .filter(i -> _getFormattedRow(view.grid, i).getFirst().equals("liz")).findFirst().orElseThrow();
        var actions = chooseAccount(view, row);
        _click(actions.getChildren().filter(c -> c.getId().orElse("").equals("reset-2fa-liz"))
                .map(Button.class::cast).findFirst().orElseThrow());

        assertThat(view.message.getText()).startsWith("Two-factor sign-in of liz reset");
        assertThat(cell(view, "liz", "Two-factor")).isEqualTo("off");
    }

    @Test
    void anAdminRequiresTwoFactorOfEveryoneOnTheSecurityPageAndStaffCannotOpenIt() {
        loginAs("admin", "ADMIN");
        UI.getCurrent().navigate("admin/security");
        SecuritySettingsView view = _get(SecuritySettingsView.class);

        _setValue(view.twoFactorForEveryone, true);
        _click(view.save);
        assertThat(settings.twoFactorForEveryone()).isTrue();
        _setValue(view.twoFactorForEveryone, false);
        _click(view.save);
        assertThat(settings.twoFactorForEveryone()).isFalse();

        staff.account("nurse", "Nora Nurse", "a nurse's long password", Role.STAFF);
        loginAs("nurse", "STAFF");
        assertThatThrownBy(() -> UI.getCurrent().navigate("admin/security"))
                .isInstanceOf(MockAccessDeniedException.class);
    }

    private static String cell(UsersView view, String username, String header) {
        int column = view.grid.getColumns().indexOf(view.grid.getColumns().stream()
                .filter(c -> header.equals(c.getHeaderText())).findFirst().orElseThrow());
        return IntStream.range(0, _size(view.grid)).mapToObj(i -> _getFormattedRow(view.grid, i))
                .filter(r -> r.getFirst().equals(username)).findFirst().orElseThrow().get(column);
    }

    /** Chooses the account in row {@code index}, as an admin clicks it, and answers its tools below the grid. */
    private static HorizontalLayout chooseAccount(UsersView view, int index) {
        view.grid.select(GridKt._get(view.grid, index));
        assertThat(view.tools.isVisible()).isTrue();
        return view.actions;
    }
}

package org.parley.security.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.login.LoginForm;
import com.vaadin.flow.router.QueryParameters;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.parley.security.StaffDirectory;
import org.parley.testsupport.KaribuTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

@SpringBootTest(properties = {"spring.datasource.url=jdbc:h2:mem:views;DB_CLOSE_DELAY=-1",
        "parley.plugins.dir=${parley.test.plugins-dir}"})
class LoginViewTest extends KaribuTest {

    @Autowired
    StaffDirectory directory;

    @BeforeEach
    void anAdminExists() {
        if (!directory.hasAnyUser()) {
            directory.createFirstAdmin("admin", "Ada Admin", "a long enough password");
        }
    }

    @Test
    void aVisitorWhoIsNotLoggedInIsShownTheLoginForm() {
        UI.getCurrent().navigate("");
        LoginForm form = _get(LoginForm.class);
        assertThat(form.getAction()).isEqualTo("login");
        assertThat(form.isError()).isFalse();
    }

    @Test
    void aFailedLoginShowsTheError() {
        UI.getCurrent().navigate("login", QueryParameters.of("error", ""));
        assertThat(_get(LoginForm.class).isError()).isTrue();
    }
}

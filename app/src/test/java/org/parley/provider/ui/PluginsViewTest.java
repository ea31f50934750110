package org.parley.provider.ui;

import static com.github.mvysny.kaributesting.v10.GridKt._getFormattedRow;
import static com.github.mvysny.kaributesting.v10.GridKt._size;
import static com.github.mvysny.kaributesting.v10.LocatorJ._assertNone;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.mvysny.kaributesting.v10.MockAccessDeniedException;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.router.AccessDeniedException;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.parley.security.Role;
import org.parley.security.StaffFixtures;
import org.parley.security.ui.LoginView;
import org.parley.testsupport.KaribuTest;
import org.parley.testsupport.PluginArchives;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

@SpringBootTest(properties = {"spring.datasource.url=jdbc:h2:mem:adminviews;DB_CLOSE_DELAY=-1",
        "parley.plugins.dir=${parley.test.plugins-dir}"})
class PluginsViewTest extends KaribuTest {

    @Autowired
    StaffFixtures staff;

    @BeforeEach
    void accountsExist() {
        staff.firstAdmin("admin", "Ada Admin", "a long enough password");
        staff.account("nurse", "Nora Nurse", "a nurse's long password", Role.STAFF);
    }

    @Test
    void anAdminSeesEveryProviderPluginStartedServingItsProvider() {
        loginAs("admin", "ADMIN");

        UI.getCurrent().navigate("admin/plugins");

        PluginsView view = _get(PluginsView.class);
        List<List<String>> rows = IntStream.range(0, _size(view.grid))
                .mapToObj(i -> _getFormattedRow(view.grid, i)).toList();
        // Plugin, Version, Made by, State, Serves, Error (the last column holds the Disable button)
        assertThat(rows).extracting(row -> row.subList(0, 6)).contains(List.of("sandbox",
                PluginArchives.version(PluginArchives.sandbox(), "sandbox"), "Parley", "STARTED",
                "MessagingProvider: sandbox", ""));
        // Every provider plugin the build produced is loaded and serves its provider.
        assertThat(rows).extracting(row -> row.get(0) + " " + row.get(3) + " " + row.get(4))
                .contains("twilio STARTED MessagingProvider: twilio", "vonage STARTED MessagingProvider: vonage");
    }

    @Test
    void staffAreRefusedThePluginsPage() {
        loginAs("nurse", "STAFF");

        // Karibu turns Vaadin's "access denied" error page into this exception.
        assertThatThrownBy(() -> UI.getCurrent().navigate("admin/plugins"))
                .isInstanceOf(MockAccessDeniedException.class)
                .hasRootCauseInstanceOf(AccessDeniedException.class);
        _assertNone(PluginsView.class);
    }

    @Test
    void aVisitorWhoIsNotLoggedInIsSentToTheLogin() {
        UI.getCurrent().navigate("admin/plugins");

        _assertNone(PluginsView.class);
        assertThat(_get(LoginView.class)).isNotNull();
    }
}

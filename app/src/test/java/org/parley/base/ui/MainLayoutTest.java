package org.parley.base.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.sidenav.SideNav;
import com.vaadin.flow.component.sidenav.SideNavItem;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.parley.inbox.InboxFixtures;
import org.parley.security.Role;
import org.parley.security.StaffFixtures;
import org.parley.security.web.CurrentStaff;
import org.parley.testsupport.KaribuTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/** Issue 19, item 6: the menu puts daily work first, admin pages under "Administration", and counts on Inbox. */
@SpringBootTest(properties = {"spring.datasource.url=jdbc:h2:mem:mainlayout;DB_CLOSE_DELAY=-1",
        "parley.plugins.dir=${parley.test.plugins-dir}"})
class MainLayoutTest extends KaribuTest {

    @Autowired
    StaffFixtures staff;
    @Autowired
    InboxFixtures inbox;
    @Autowired
    CurrentStaff currentStaff;
    @Autowired
    List<MenuBadge> badges;

    @BeforeEach
    void team() {
        staff.firstAdmin("ada", "Ada Admin", "a long enough password");
        staff.account("sam", "Sam Staff", "a long enough password", Role.STAFF);
    }

    private MainLayout frame() {
        MainLayout frame = new MainLayout(currentStaff, List.of(), badges);
        UI.getCurrent().add(frame);
        return frame;
    }

    private static List<String> titles(SideNav nav) {
        return nav.getItems().stream().map(SideNavItem::getLabel).toList();
    }

    @Test
    void anAdminSeesTheDailyPagesFirstAndTheAdminPagesGroupedUnderAdministration() {
        loginAs("ada", "ADMIN");

        MainLayout frame = frame();

        assertThat(titles(frame.work)).startsWith("Inbox", "Patients", "Pharmacies and labs")
                .contains("Notifications").doesNotContain("Users", "Lines", "Audit log", "Practice");
        assertThat(frame.administration.getLabel()).isEqualTo("Administration");
        assertThat(titles(frame.administration)).contains("Users", "Lists", "Templates", "Lines", "Security",
                "Chart exporters", "Plugins", "Audit log", "Encryption", "Practice").doesNotContain("Inbox");
    }

    @Test
    void staffSeeNoAdministrationHeading() {
        loginAs("sam", "STAFF");

        MainLayout frame = frame();

        assertThat(frame.administration.isVisible()).isFalse();
        assertThat(titles(frame.work)).contains("Inbox", "Patients").doesNotContain("Users", "Audit log");
    }

    @Test
    void inboxShowsHowManyConversationsHoldUnreadPatientMessages() {
        loginAs("sam", "STAFF");
        inbox.patientTexts("sandbox", UUID.randomUUID().toString(), "+19293051234", "Is the clinic open on Friday?");

        MainLayout frame = frame();

        SideNavItem inboxItem = frame.work.getItems().stream().filter(i -> i.getLabel().equals("Inbox")).findFirst()
                .orElseThrow();
        Component suffix = inboxItem.getSuffixComponent();
        assertThat(suffix).isNotNull();
        assertThat(suffix.getChildren().filter(Component::isVisible).map(c -> c.getElement().getText()).toList())
                .containsExactly("1");
    }
}

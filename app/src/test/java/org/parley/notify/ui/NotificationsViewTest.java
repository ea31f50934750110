package org.parley.notify.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.KaribuConfig;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.internal.PendingJavaScriptInvocation;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import kotlin.Unit;
import kotlin.jvm.functions.Function1;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.parley.lists.InboxListSummary;
import org.parley.lists.ListService;
import org.parley.notify.Channels;
import org.parley.notify.NotificationPreferences;
import org.parley.security.Role;
import org.parley.security.StaffDirectory;
import org.parley.security.StaffFixtures;
import org.parley.security.StaffMember;
import org.parley.testsupport.KaribuTest;
import org.parley.testsupport.TestStaff;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/** A staff member's Notifications page on a Parley whose IT has not set up e-mail (no spring.mail.host). */
@SpringBootTest(properties = {"spring.datasource.url=jdbc:h2:mem:notifications-view;DB_CLOSE_DELAY=-1",
        "parley.plugins.dir=${parley.test.plugins-dir}"})
class NotificationsViewTest extends KaribuTest {

    @Autowired
    StaffFixtures staff;
    @Autowired
    StaffDirectory directory;
    @Autowired
    ListService lists;
    @Autowired
    NotificationPreferences preferences;

    StaffMember dana;
    InboxListSummary frontDesk;
    InboxListSummary billing;
    final List<PendingJavaScriptInvocation> javaScript = new ArrayList<>();
    List<Function1<PendingJavaScriptInvocation, Unit>> handlers;

    @BeforeEach
    void danaSubscribesToTwoLists() {
        staff.firstAdmin("ada", "Ada Admin", "a long enough password");
        dana = staff.account("dana", "Dana Front", "a long enough password", Role.STAFF);
        loginAs("ada", "ADMIN");
        frontDesk = lists.create(TestStaff.named("ada"), "Front Desk " + UUID.randomUUID().toString().substring(0, 8));
        billing = lists.create(TestStaff.named("ada"), "Billing " + UUID.randomUUID().toString().substring(0, 8));
        lists.setMembers(TestStaff.named("ada"), frontDesk.id(), Set.of(dana.id()));
        lists.setMembers(TestStaff.named("ada"), billing.id(), Set.of(dana.id()));
        handlers = KaribuConfig.getPendingJavascriptInvocationHandlers();
        List<Function1<PendingJavaScriptInvocation, Unit>> capturing = new ArrayList<>(handlers);
        capturing.add(invocation -> {
            javaScript.add(invocation);
            return Unit.INSTANCE;
        });
        KaribuConfig.setPendingJavascriptInvocationHandlers(capturing);
        newSessionAs("dana", "STAFF");
    }

    @AfterEach
    void stopCapturing() {
        KaribuConfig.setPendingJavascriptInvocationHandlers(handlers);
    }

    private NotificationsView open() {
        UI.getCurrent().navigate("notifications");
        return _get(NotificationsView.class);
    }

    @Test
    void eachListDanaSubscribesToHasItsChoicesAndATickIsSavedAtOnce() {
        NotificationsView view = open();

        assertThat(view.listDesktop.keySet()).contains(frontDesk.id(), billing.id());
        assertThat(view.listDesktop.get(frontDesk.id()).getValue()).as("pop-ups are on until chosen off").isTrue();

        _setValue(view.listDesktop.get(frontDesk.id()), false);
        _setValue(view.myInboxDesktop, false);

        assertThat(view.message.getText()).isEqualTo("Saved.");
        var saved = preferences.of(dana);
        assertThat(saved.lists()).filteredOn(l -> l.listId() == frontDesk.id()).singleElement()
                .satisfies(l -> assertThat(l.channels()).isEqualTo(new Channels(false, false)));
        assertThat(saved.lists()).filteredOn(l -> l.listId() == billing.id()).singleElement()
                .satisfies(l -> assertThat(l.channels()).isEqualTo(Channels.DEFAULT));
        assertThat(saved.myInbox()).isEqualTo(new Channels(false, false));
        assertThat(open().listDesktop.get(frontDesk.id()).getValue()).as("shown again as saved").isFalse();
    }

    @Test
    void withoutAMailServerTheEmailChoicesAreDisabledAndSaySo() {
        NotificationsView view = open();

        assertThat(view.emailState.getText()).isEqualTo("E-mail notifications are not set up yet; ask your administrator.");
        assertThat(view.myInboxEmail.isEnabled()).isFalse();
        assertThat(view.mentionEmail.isEnabled()).isFalse();
        assertThat(view.listEmail.values()).allSatisfy(box -> assertThat(box.isEnabled()).isFalse());
        assertThat(view.listDesktop.values()).allSatisfy(box -> assertThat(box.isEnabled()).isTrue());
    }

    @Test
    void danaSavesHerOwnEmailAddressAndAMalformedOneIsRefused() {
        NotificationsView view = open();

        _setValue(view.email, "dana at the front desk");
        _click(view.saveEmail);
        assertThat(view.message.getText()).isEqualTo("Enter an e-mail address such as name@example.org.");

        _setValue(view.email, "dana@practice.example.org");
        _click(view.saveEmail);

        assertThat(view.message.getText()).isEqualTo("E-mail address saved.");
        assertThat(directory.emailOf(dana.id())).contains("dana@practice.example.org");
    }

    @Test
    void theEnableButtonAsksTheBrowserForPermissionAndThePageSaysWhatItAnswered() {
        NotificationsView view = open();
        roundtrip();

        assertThat(javaScript).extracting(js -> js.getInvocation().getExpression())
                .anySatisfy(script -> assertThat(script).contains("Notification.requestPermission()"));

        view.desktopPermission("default");
        assertThat(view.desktopState.getText())
                .isEqualTo("Pop-ups are not allowed yet: click the button and allow them.");
        assertThat(view.enableDesktop.isEnabled()).isTrue();
        view.desktopPermission("granted");
        assertThat(view.desktopState.getText()).isEqualTo("Pop-ups are allowed in this browser.");
        assertThat(view.enableDesktop.isEnabled()).isFalse();
    }
}

package org.parley.notify.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.mvysny.kaributesting.v10.KaribuConfig;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.internal.PendingJavaScriptInvocation;
import com.vaadin.flow.router.RouterLayout;
import com.vaadin.flow.server.VaadinService;
import com.vaadin.flow.server.startup.ApplicationRouteRegistry;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import kotlin.Unit;
import kotlin.jvm.functions.Function1;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.parley.base.ui.LiveUpdates;
import org.parley.conversation.ConversationService;
import org.parley.inbox.InboxFixtures;
import org.parley.lists.InboxListSummary;
import org.parley.lists.ListService;
import org.parley.notify.Channels;
import org.parley.notify.DesktopNotification;
import org.parley.notify.NotificationPreferences;
import org.parley.patient.ContactService;
import org.parley.patient.ContactSummary;
import org.parley.patient.PatientDetails;
import org.parley.security.Role;
import org.parley.security.StaffDirectory;
import org.parley.security.StaffFixtures;
import org.parley.security.StaffMember;
import org.parley.testsupport.KaribuTest;
import org.parley.testsupport.TestStaff;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * Desktop pop-ups reach the open tabs of the staff member they are for, and only theirs, without PHI; and, on a
 * Parley with a mail server (here one that is never reached), the e-mail choices can be ticked.
 */
@SpringBootTest(properties = {"spring.datasource.url=jdbc:h2:mem:desktop-popups;DB_CLOSE_DELAY=-1",
        "parley.plugins.dir=${parley.test.plugins-dir}",
        "spring.mail.host=127.0.0.1",
        "spring.mail.port=9"})
class DesktopPopupsTest extends KaribuTest {

    private static final String FIRST = "Zelphira";
    private static final String LAST = "Quixotica";

    @Autowired
    StaffFixtures staff;
    @Autowired
    StaffDirectory directory;
    @Autowired
    ListService lists;
    @Autowired
    NotificationPreferences preferences;
    @Autowired
    ContactService contacts;
    @Autowired
    ConversationService conversations;
    @Autowired
    InboxFixtures inbox;
    @Autowired
    LiveUpdates liveUpdates;

    StaffMember ada;
    StaffMember dana;
    StaffMember sam;
    InboxListSummary frontDesk;
    final List<PendingJavaScriptInvocation> javaScript = new ArrayList<>();
    List<Function1<PendingJavaScriptInvocation, Unit>> handlers;

    @BeforeEach
    void danaAndSamSubscribeToTheFrontDesk() {
        staff.firstAdmin("ada", "Ada Admin", "a long enough password");
        ada = directory.findByUsername("ada").orElseThrow();
        dana = staff.account("dana", "Dana Front", "a long enough password", Role.STAFF);
        sam = staff.account("sam", "Sam Nurse", "a long enough password", Role.STAFF);
        loginAs("ada", "ADMIN");
        frontDesk = lists.create(TestStaff.named("ada"), "Front Desk " + UUID.randomUUID().toString().substring(0, 8));
        lists.setMembers(TestStaff.named("ada"), frontDesk.id(), Set.of(dana.id(), sam.id()));
        lists.setDefaultList(TestStaff.named("ada"), "sandbox", frontDesk.id());
        handlers = KaribuConfig.getPendingJavascriptInvocationHandlers();
        List<Function1<PendingJavaScriptInvocation, Unit>> capturing = new ArrayList<>(handlers);
        capturing.add(invocation -> {
            javaScript.add(invocation);
            return Unit.INSTANCE;
        });
        KaribuConfig.setPendingJavascriptInvocationHandlers(capturing);
    }

    @AfterEach
    void stopCapturing() {
        KaribuConfig.setPendingJavascriptInvocationHandlers(handlers);
    }

    /**
     * Opens the Notifications page as this staff member in a new browser session, inside the page frame that puts
     * the pop-up source in every top bar. Karibu registers routes but not {@code @Layout}s, so the test registers
     * MainLayout as Vaadin's Spring integration does at start (it is package-private in base.ui).
     */
    @SuppressWarnings("unchecked")
    private void openATabAs(String username, String role) {
        newSessionAs(username, role);
        try {
            ApplicationRouteRegistry.getInstance(VaadinService.getCurrent().getContext()).setLayout(
                    (Class<? extends RouterLayout>) Class.forName("org.parley.base.ui.MainLayout"));
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
        UI.getCurrent().navigate("notifications");
        roundtrip();
        javaScript.clear();
    }

    /** A recognisable patient's text to the front desk; answers her conversation. */
    private long patientTexts() {
        String phone = "+1929203" + ThreadLocalRandom.current().nextInt(1000, 9999);
        ContactSummary patient = contacts.createPatient("ada", new PatientDetails(FIRST, LAST,
                LocalDate.of(1961, 7, 14), phone, null, null));
        inbox.patientTexts("sandbox", UUID.randomUUID().toString(), phone, "my rash ZQ-8841 got worse");
        return conversations.conversationWith(ada, patient.id());
    }

    /** The pop-ups this tab was told to show since the test began. */
    private List<PendingJavaScriptInvocation> popups() {
        roundtrip();
        return javaScript.stream().filter(js -> js.getInvocation().getExpression().contains("new Notification"))
                .toList();
    }

    @Test
    void aNewMessageInAListPopsUpInTheTabsOfTheSubscriberWhoChosePopUpsWithoutPhi() {
        preferences.chooseForList(dana, frontDesk.id(), new Channels(false, true));
        openATabAs("dana", "STAFF");

        long conversation = patientTexts();

        // Live updates reach open tabs off the writer's thread, as a browser's push does.
        await().pollInSameThread().atMost(Duration.ofSeconds(10)).until(() -> !popups().isEmpty());
        List<PendingJavaScriptInvocation> popups = popups();
        assertThat(popups).hasSize(1);
        List<Object> arguments = popups.getFirst().getInvocation().getParameters();
        assertThat(arguments.get(0)).hasToString("New message in " + frontDesk.name());
        assertThat(arguments.get(1)).hasToString(String.valueOf(conversation));
        assertThat(arguments.toString()).doesNotContain(FIRST).doesNotContain(LAST).doesNotContain("ZQ-8841")
                .doesNotContain("9292");
    }

    @Test
    void aNewMessageDoesNotPopUpForASubscriberWhoTurnedPopUpsOffNorForAnotherStaffMember() {
        preferences.chooseForList(sam, frontDesk.id(), new Channels(false, false));
        preferences.chooseForList(dana, frontDesk.id(), new Channels(false, true));
        openATabAs("sam", "STAFF");
        List<DesktopNotification> reachedThisTab = new CopyOnWriteArrayList<>();
        liveUpdates.subscribe(UI.getCurrent(), DesktopNotification.class, reachedThisTab::add);

        patientTexts();

        // Dana's pop-up travels to every open tab (each tab picks its own): once it has reached Sam's, Sam's
        // would have shown by now.
        await().pollInSameThread().atMost(Duration.ofSeconds(10)).until(() -> {
            roundtrip();
            return !reachedThisTab.isEmpty();
        });
        assertThat(reachedThisTab).extracting(DesktopNotification::staffId).containsOnly(dana.id());
        assertThat(popups()).as("Sam turned pop-ups off; Dana's pop-up is not for Sam's tab").isEmpty();
    }

    @Test
    void clickingAPopUpOpensTheConversation() {
        openATabAs("dana", "STAFF");
        long conversation = patientTexts();

        _get(DesktopPopups.class).openConversation(conversation);

        assertThat(UI.getCurrent().getInternals().getActiveViewLocation().getPath())
                .isEqualTo("inbox/" + conversation);
    }

    @Test
    void withAMailServerSetUpStaffWithAnAddressTickEmailAndItIsSaved() {
        newSessionAs("dana", "STAFF");
        UI.getCurrent().navigate("notifications");
        NotificationsView view = _get(NotificationsView.class);
        assertThat(view.emailState.getText()).isEqualTo(NotificationsView.NO_ADDRESS);
        assertThat(view.listEmail.get(frontDesk.id()).isEnabled()).isFalse();

        _setValue(view.email, "dana@practice.example.org");
        _click(view.saveEmail);
        _setValue(view.listEmail.get(frontDesk.id()), true);
        _setValue(view.mentionEmail, true);

        assertThat(view.emailState.isVisible()).isFalse();
        assertThat(preferences.of(dana).lists()).filteredOn(l -> l.listId() == frontDesk.id()).singleElement()
                .satisfies(l -> assertThat(l.channels()).isEqualTo(new Channels(true, true)));
        assertThat(preferences.of(dana).mentionEmail()).isTrue();
    }
}

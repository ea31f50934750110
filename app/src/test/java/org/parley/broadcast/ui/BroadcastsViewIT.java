package org.parley.broadcast.ui;

import static com.github.mvysny.kaributesting.v10.GridKt._get;
import static com.github.mvysny.kaributesting.v10.GridKt._size;
import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Paragraph;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.parley.audit.AuditEntries;
import org.parley.broadcast.SkipKind;
import org.parley.broadcast.SkippedRecipient;
import org.parley.conversation.ConversationService;
import org.parley.lists.InboxListSummary;
import org.parley.lists.ListService;
import org.parley.patient.ContactService;
import org.parley.patient.ContactSummary;
import org.parley.patient.Families;
import org.parley.patient.ImportReport;
import org.parley.patient.PatientDetails;
import org.parley.patient.PatientImport;
import org.parley.practice.PracticeProfiles;
import org.parley.security.StaffDirectory;
import org.parley.security.StaffMember;
import org.parley.tag.Tag;
import org.parley.tag.TagColour;
import org.parley.tag.TagService;
import org.parley.testsupport.KaribuTest;
import org.parley.testsupport.TestStaff;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.domain.PageRequest;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Issue 17: an admin chooses a broadcast's audience, sees who is skipped and why and the text for three real
 * recipients, sends it, and pauses, resumes and cancels it while the page shows its progress. The line's pace is one
 * text in 100 seconds and the window one message, so a broadcast of several patients is still going when the admin
 * acts; quiet hours span the whole day here (the clock is the machine's). With a port: the sandbox carrier the
 * line sends to answers over HTTP.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:broadcastsview;DB_CLOSE_DELAY=-1",
        "parley.plugins.dir=${parley.test.plugins-dir}",
        "parley.outbound.poll-interval=200ms",
        "parley.outbound.messages-per-second-per-line=0.01",
        "parley.broadcast.poll-interval=200ms",
        "parley.broadcast.window=1",
        "parley.quiet-hours.start=00:00",
        "parley.quiet-hours.end=23:59"})
class BroadcastsViewIT extends KaribuTest {

    @Autowired
    StaffDirectory directory;
    @Autowired
    ContactService contacts;
    @Autowired
    Families families;
    @Autowired
    PracticeProfiles practice;
    @Autowired
    AuditEntries audit;
    @Autowired
    JdbcClient db;
    @Autowired
    TagService tags;
    @Autowired
    ConversationService conversations;
    @Autowired
    ListService lists;
    @Autowired
    PatientImport patientImport;

    BroadcastsView view;
    private static final AtomicInteger YEARS = new AtomicInteger(1930);
    /** A birth year only this test's patients have, so each test's audience is its own. */
    int year;

    @BeforeEach
    void anAdminOpensBroadcasts() {
        if (!directory.hasAnyUser()) {
            directory.createFirstAdmin("admin", "Ada Admin", "a long enough password");
        }
        loginAs("admin", "ADMIN");
        practice.change(TestStaff.named("admin"), "Hillside Clinic", "America/New_York");
        year = YEARS.getAndIncrement(); // one year per test: a random one collided now and then
        UI.getCurrent().navigate("admin/broadcasts");
        view = _get(BroadcastsView.class);
    }

    private static String newPhone() {
        // an exchange from 200 up (a valid number), never ending in 0000 (the sandbox does not deliver those)
        return "+19292" + String.format("%06d", Math.abs(UUID.randomUUID().getMostSignificantBits()) % 1_000_000)
                .replaceAll("0000$", "0001");
    }

    private ContactSummary patient(String first, String last, int day, String phone) {
        return contacts.createPatient("admin", new PatientDetails(first, last, LocalDate.of(year, 3, day),
                phone == null ? "" : phone, null, null));
    }

    /** Three who can be texted, and one of each kind skipped. */
    private void aFamilyPractice() {
        patient("Maria", "Lopez", 1, newPhone());
        patient("Omar", "Haddad", 2, newPhone());
        patient("June", "Park", 3, newPhone());
        ContactSummary marked = patient("Dana", "Stone", 4, newPhone());
        contacts.markDoNotText("admin", marked.id(), "asked by phone");
        patient("Ray", "Noel", 5, null);
        ContactSummary guardian = patient("Lee", "Wong", 6, null);
        families.addDependent("admin", guardian.id(), new PatientDetails("Kim", "Wong", LocalDate.of(year, 3, 7),
                "", null, null));
    }

    private void writeAndCheck() {
        _setValue(view.name, "Flu shots " + year);
        _setValue(view.body, "Hi {patient.firstName}, flu shots are in at {practice.name}. Reply to book.");
        _setValue(view.audience.bornFrom, LocalDate.of(year, 1, 1));
        _setValue(view.audience.bornTo, LocalDate.of(year, 12, 31));
        _click(view.check);
    }

    @Test
    void beforeSendingTheAdminSeesTheCountWhoIsSkippedAndWhyAndThreeFilledTexts() {
        aFamilyPractice();
        writeAndCheck();

        assertThat(view.message.getText()).isEmpty();
        assertThat(view.planPanel.isVisible()).isTrue();
        assertThat(view.planSummary.getText()).isEqualTo("3 patients will get it; 4 skipped.");
        assertThat(view.skipReasons.getText()).contains("no cell number 2", "DO NOT TEXT 1",
                "dependent without a guardian's number 1");
        assertThat(_size(view.skipped)).isEqualTo(4);
        List<SkippedRecipient> skipped = List.of(_get(view.skipped, 0), _get(view.skipped, 1), _get(view.skipped, 2),
                _get(view.skipped, 3));
        assertThat(skipped).extracting(SkippedRecipient::patientName)
                .containsExactlyInAnyOrder("Dana Stone", "Ray Noel", "Lee Wong", "Kim Wong");
        assertThat(skipped).filteredOn(s -> s.kind() == SkipKind.DO_NOT_TEXT).singleElement()
                .satisfies(s -> assertThat(s.reason()).contains("DO NOT TEXT", "asked by phone"));
        List<String> previews = view.previews.getChildren().map(c -> ((Paragraph) c).getText()).toList();
        assertThat(previews).containsExactly(
                "Maria Lopez: Hi Maria, flu shots are in at Hillside Clinic. Reply to book.",
                "Omar Haddad: Hi Omar, flu shots are in at Hillside Clinic. Reply to book.",
                "June Park: Hi June, flu shots are in at Hillside Clinic. Reply to book.");
        assertThat(db.sql("select count(*) from message m join broadcast_recipient r on r.message_id = m.id")
                .query(Long.class).single()).as("nothing sent before Send").isZero();
    }

    @Test
    void theAudienceCanBeThePatientsWithATagOnOneOfTheirConversations() {
        ContactSummary tagged = patient("Nora", "Field", 8, newPhone());
        patient("Otto", "Field", 9, newPhone());
        Tag diabetes = tags.create(TestStaff.named("admin"), "Diabetes " + year, TagColour.values()[0]);
        StaffMember admin = directory.searchActive("admin", 0, 1).getFirst();
        tags.add(admin, conversations.conversationWith(admin, tagged.id()), diabetes.id());
        UI.getCurrent().navigate("admin/broadcasts");
        view = _get(BroadcastsView.class);

        _setValue(view.name, "Diabetes clinic " + year);
        _setValue(view.body, "Hi {patient.firstName}, the diabetes clinic opens on Monday.");
        _setValue(view.audience.kind, AudiencePicker.TAGGED);
        _click(view.check);
        assertThat(view.message.getText()).isEqualTo("Choose the tag whose patients get it.");

        _setValue(view.audience.tag, diabetes);
        _click(view.check);

        assertThat(view.message.getText()).isEmpty();
        assertThat(view.planSummary.getText()).isEqualTo("1 patient will get it; 0 skipped.");
        assertThat(view.previews.getChildren().map(c -> ((Paragraph) c).getText()).toList())
                .containsExactly("Nora Field: Hi Nora, the diabetes clinic opens on Monday.");
    }

    @Test
    void aMistakeIsNamedAndNothingIsStored() {
        long before = db.sql("select count(*) from broadcast").query(Long.class).single();
        _setValue(view.name, "Reminder");
        _setValue(view.body, "Hi {patient.nickname}");
        _click(view.check);
        assertThat(view.message.getText()).startsWith("Unknown placeholder {patient.nickname}");

        _setValue(view.body, "Hi {patient.firstName}");
        _setValue(view.audience.bornFrom, LocalDate.of(1801, 1, 1));
        _setValue(view.audience.bornTo, LocalDate.of(1801, 12, 31));
        _click(view.check);
        assertThat(view.message.getText()).isEqualTo("No patient matches patients born 1801-01-01 to 1801-12-31.");

        _setValue(view.audience.kind, AudiencePicker.FILE);
        _click(view.check);
        assertThat(view.message.getText()).isEqualTo("Upload the CSV of MRNs or cell numbers first.");
        assertThat(view.planPanel.isVisible()).isFalse();
        assertThat(db.sql("select count(*) from broadcast").query(Long.class).single()).isEqualTo(before);
    }

    @Test
    void anUploadedListOfMrnsAndNumbersIsTheAudienceAndUnknownValuesAreCounted() {
        String phone = newPhone();
        patient("Ann", "Reed", 8, phone);
        contacts.createPatient("admin", new PatientDetails("Bo", "Reed", LocalDate.of(year, 3, 9), "", "MRN" + year,
                null));
        String csv = "MRN or phone\n" + phone.substring(2) + "\nMRN" + year + "\nNOBODY-" + year + "\n";
        view.audience.received("list.csv", csv.getBytes(StandardCharsets.UTF_8));
        _setValue(view.audience.kind, AudiencePicker.FILE);
        _setValue(view.name, "Closed Friday");
        _setValue(view.body, "Hi {patient.firstName}, we are closed Friday.");
        _click(view.check);

        assertThat(view.message.getText()).isEmpty();
        // the header and the unknown MRN match nobody
        assertThat(view.planSummary.getText()).isEqualTo(
                "1 patient will get it; 1 skipped. 2 of the file's values match no patient.");
        assertThat(_get(view.skipped, 0).kind()).isEqualTo(SkipKind.NO_CELL);
    }

    @Test
    void aSavedAudienceChoosesTheSamePatientsAgain() {
        aFamilyPractice();
        _setValue(view.audience.bornFrom, LocalDate.of(year, 1, 1));
        _setValue(view.audience.bornTo, LocalDate.of(year, 12, 31));
        _setValue(view.audience.audienceName, "Born " + year);
        _click(view.audience.saveAudience);
        assertThat(view.message.getText()).isEqualTo("Saved the audience Born " + year + ".");

        UI.getCurrent().navigate("admin/practice");
        UI.getCurrent().navigate("admin/broadcasts");
        view = _get(BroadcastsView.class);
        _setValue(view.audience.kind, AudiencePicker.SAVED);
        view.audience.savedAudience.setValue(view.audience.savedAudience.getListDataView().getItems()
                .filter(a -> a.name().equals("Born " + year)).findFirst().orElseThrow());
        _setValue(view.name, "Again");
        _setValue(view.body, "Hello {patient.firstName}");
        _click(view.check);
        assertThat(view.planSummary.getText()).isEqualTo("3 patients will get it; 4 skipped.");
    }

    @Test
    void anAdminSendsWatchesProgressPausesResumesAndCancels() {
        aFamilyPractice();
        writeAndCheck();
        _click(view.send);

        assertThat(view.progress.isVisible()).isTrue();
        assertThat(view.progress.title.getText()).isEqualTo("Flu shots " + year + ": sending");
        long id = db.sql("select max(id) from broadcast").query(Long.class).single();
        // the first goes at once; the line's pace holds the second in the queue, the third waits its turn
        await().pollInSameThread().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            view.progress.refresh();
            assertThat(view.progress.text.getText()).startsWith("7 recipients: sent 0, delivered 1, failed 0, "
                    + "skipped 4, waiting 1, in the queue 1.");
        });
        assertThat(view.progress.bar.getValue()).isEqualTo(5.0 / 7);

        _click(view.progress.pause);
        assertThat(view.progress.title.getText()).endsWith(": paused");
        assertThat(view.progress.pause.isEnabled()).isFalse();
        assertThat(view.progress.resume.isEnabled()).isTrue();
        _click(view.progress.resume);
        assertThat(view.progress.title.getText()).endsWith(": sending");

        _click(view.progress.cancel);
        assertThat(view.progress.title.getText()).endsWith(": cancelled (report)");
        assertThat(view.progress.text.getText()).startsWith("7 recipients: sent 0, delivered 1, failed 0, "
                + "skipped 4, waiting 0, in the queue 0, not sent (cancelled) 2.");
        assertThat(view.progress.cancel.isEnabled()).isFalse();
        assertThat(db.sql("select count(*) from outbound_task t join broadcast_recipient r on r.message_id = t.id "
                + "where r.broadcast_id = ?").param(id).query(Long.class).single()).as("taken back").isZero();
        assertThat(audit.newest("BROADCAST_STARTED", PageRequest.of(0, 5)))
                .anySatisfy(e -> assertThat(e.targetId()).isEqualTo(String.valueOf(id)));
        assertThat(audit.newest("BROADCAST_RECIPIENTS", PageRequest.of(0, 50)))
                .filteredOn(e -> e.targetId().equals(String.valueOf(id))).singleElement()
                .satisfies(e -> assertThat(e.detail()).matches("contacts [0-9]+(,[0-9]+){6}"));
        assertThat(audit.newest("BROADCAST_CANCELLED", PageRequest.of(0, 5))).isNotEmpty();
    }

    @Test
    void theAudienceCanBeThePatientsWithAConversationInAListAndTheSearchCanBeSaved() {
        ContactSummary inList = patient("Rita", "Vance", 10, newPhone());
        ContactSummary closedInList = patient("Sam", "Vance", 11, newPhone());
        ContactSummary elsewhere = patient("Tom", "Vance", 12, newPhone());
        InboxListSummary refills = lists.create(TestStaff.named("admin"), "Refills " + year);
        StaffMember admin = directory.searchActive("admin", 0, 1).getFirst();
        for (ContactSummary patient : List.of(inList, closedInList, elsewhere)) {
            long conversation = conversations.conversationWith(admin, patient.id());
            if (patient != elsewhere) {
                db.sql("update conversation set assigned_list_id = ?, status = ? where id = ?")
                        .params(refills.id(), patient == closedInList ? "CLOSED" : "OPEN", conversation).update();
            }
        }
        UI.getCurrent().navigate("admin/practice"); // the page is made again, with the new list
        UI.getCurrent().navigate("admin/broadcasts");
        view = _get(BroadcastsView.class);

        _setValue(view.name, "Refill reminder " + year);
        _setValue(view.body, "Hi {patient.firstName}, your refills can now be ordered online.");
        _setValue(view.audience.kind, AudiencePicker.IN_LIST);
        assertThat(view.audience.list.isVisible()).isTrue();
        _click(view.check);
        assertThat(view.message.getText()).isEqualTo("Choose the list whose patients get it.");
        assertThat(view.audience.list.getListDataView().getItems()).noneMatch(InboxListSummary::blocked);

        view.audience.list.setValue(view.audience.list.getListDataView().getItems().filter(l -> l.id() == refills.id()).findFirst()
                .orElseThrow());
        _click(view.check);
        assertThat(view.message.getText()).isEmpty();
        assertThat(view.planSummary.getText()).isEqualTo("2 patients will get it; 0 skipped.");
        assertThat(view.previews.getChildren().map(c -> ((Paragraph) c).getText()).toList()).containsExactly(
                "Rita Vance: Hi Rita, your refills can now be ordered online.",
                "Sam Vance: Hi Sam, your refills can now be ordered online.");

        _setValue(view.audience.audienceName, "Refills list " + year);
        _click(view.audience.saveAudience);
        assertThat(view.message.getText()).isEqualTo("Saved the audience Refills list " + year + ".");
        _setValue(view.audience.kind, AudiencePicker.SAVED);
        view.audience.savedAudience.setValue(view.audience.savedAudience.getListDataView().getItems()
                .filter(a -> a.name().equals("Refills list " + year)).findFirst().orElseThrow());
        assertThat(view.audience.savedAudience.getValue().describe())
                .isEqualTo("patients with a conversation in Refills " + year);
        _setValue(view.name, "Refill reminder again " + year);
        _click(view.check);
        assertThat(view.planSummary.getText()).isEqualTo("2 patients will get it; 0 skipped.");
    }

    @Test
    void theAudienceCanBeThePatientsByTheirImportedLastVisitBeforeAfterOrBetweenDates() {
        String csv = "First name,Last name,DOB,Cell,MRN,Last visit\n"
                + "Uma,Gale,3/13/" + year + "," + newPhone().substring(2) + ",LV1-" + year + ",2019-05-01\n"
                + "Vic,Gale,3/14/" + year + "," + newPhone().substring(2) + ",LV2-" + year + ",02/01/2023\n"
                + "Wes,Gale,3/15/" + year + "," + newPhone().substring(2) + ",LV3-" + year + ",\n"
                + "Xia,Gale,3/16/" + year + "," + newPhone().substring(2) + ",LV4-" + year + ",yesterday\n";
        ImportReport report = patientImport.importCsv("admin",
                csv.getBytes(StandardCharsets.UTF_8), (done, total) -> { });
        assertThat(report.imported()).isEqualTo(3);
        assertThat(report.refused()).singleElement().satisfies(row -> {
            assertThat(row.row()).isEqualTo(5);
            assertThat(row.reason()).isEqualTo("The last visit is not a date: write it as MM/DD/YYYY or YYYY-MM-DD.");
        });

        _setValue(view.name, "We miss you " + year);
        _setValue(view.body, "Hi {patient.firstName}, it has been a while: reply to book a check-up.");
        _setValue(view.audience.kind, AudiencePicker.VISITED);
        assertThat(view.audience.visitFrom.isVisible()).isTrue();
        _setValue(view.audience.visitTo, LocalDate.of(2020, 12, 31));
        _click(view.check);
        assertThat(view.message.getText()).isEmpty();
        assertThat(view.planSummary.getText()).isEqualTo("1 patient will get it; 0 skipped.");
        assertThat(view.previews.getChildren().map(c -> ((Paragraph) c).getText()).toList())
                .containsExactly("Uma Gale: Hi Uma, it has been a while: reply to book a check-up.");

        _setValue(view.audience.visitTo, null);
        _setValue(view.audience.visitFrom, LocalDate.of(2021, 1, 1));
        _click(view.check);
        assertThat(view.previews.getChildren().map(c -> ((Paragraph) c).getText()).toList())
                .containsExactly("Vic Gale: Hi Vic, it has been a while: reply to book a check-up.");

        _setValue(view.audience.visitFrom, LocalDate.of(2019, 1, 1));
        _setValue(view.audience.visitTo, LocalDate.of(2023, 12, 31));
        _click(view.check);
        assertThat(view.planSummary.getText()).as("a patient without a last visit is in no range")
                .isEqualTo("2 patients will get it; 0 skipped.");

        _setValue(view.audience.visitFrom, LocalDate.of(2024, 1, 1));
        _setValue(view.audience.visitTo, LocalDate.of(2023, 1, 1));
        _click(view.check);
        assertThat(view.message.getText()).isEqualTo("The first date of the last visit is after the second: swap them.");

        _setValue(view.audience.visitFrom, null);
        _setValue(view.audience.visitTo, LocalDate.of(2020, 12, 31));
        _setValue(view.audience.audienceName, "Not seen since 2020 " + year);
        _click(view.audience.saveAudience);
        assertThat(view.message.getText()).isEqualTo("Saved the audience Not seen since 2020 " + year + ".");
        assertThat(view.audience.savedAudience.getListDataView().getItems()
                .filter(a -> a.name().equals("Not seen since 2020 " + year)).findFirst().orElseThrow().describe())
                .isEqualTo("patients last visited on or before 2020-12-31");
    }
}

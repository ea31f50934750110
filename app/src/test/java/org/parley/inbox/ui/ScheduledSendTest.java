package org.parley.inbox.ui;

import static com.github.mvysny.kaributesting.v10.GridKt._get;
import static com.github.mvysny.kaributesting.v10.GridKt._size;
import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Span;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.parley.audit.AuditEntries;
import org.parley.conversation.ScheduledReplies;
import org.parley.inbox.ConversationRow;
import org.parley.inbox.InboxFixtures;
import org.parley.practice.PracticeProfiles;
import org.parley.security.StaffDirectory;
import org.parley.testsupport.KaribuTest;
import org.parley.testsupport.TestStaff;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.domain.PageRequest;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Issue 17: staff schedule a reply for a day and time in the practice's zone; the thread shows "Scheduled for …" with
 * Edit and Cancel until it goes, and a time that cannot be used is refused in the dialog.
 */
@SpringBootTest(properties = {"spring.datasource.url=jdbc:h2:mem:scheduled-send;DB_CLOSE_DELAY=-1",
        "parley.plugins.dir=${parley.test.plugins-dir}"})
class ScheduledSendTest extends KaribuTest {

    static final ZoneId CHICAGO = ZoneId.of("America/Chicago");

    @Autowired
    StaffDirectory directory;
    @Autowired
    InboxFixtures inbox;
    @Autowired
    AuditEntries audit;
    @Autowired
    PracticeProfiles practice;
    @Autowired
    ScheduledReplies scheduledReplies;
    @Autowired
    JdbcClient db;

    InboxView view;

    @BeforeEach
    void aConversationIsOpen() {
        if (!directory.hasAnyUser()) {
            directory.createFirstAdmin("admin", "Ada Admin", "a long enough password");
        }
        loginAs("admin", "ADMIN");
        practice.change(TestStaff.named("admin"), "Lakeside Clinic", CHICAGO.getId());
        String text = "Question " + UUID.randomUUID();
        inbox.patientTexts("sandbox", UUID.randomUUID().toString(),
                "+1929203" + String.format("%04d", (int) (Math.random() * 9000) + 1000), text);
        UI.getCurrent().navigate("");
        view = _get(InboxView.class);
        UI.getCurrent().navigate("inbox/" + rowWithPreview(text).id());
    }

    private ConversationRow rowWithPreview(String preview) {
        for (int i = 0; i < _size(view.list); i++) {
            if (_get(view.list, i).preview().equals(preview)) {
                return _get(view.list, i);
            }
        }
        throw new AssertionError("no conversation shows " + preview);
    }

    private Span scheduledLine() {
        return _get(view.panel.thread, Span.class, spec -> spec.withClasses("scheduled-for"));
    }

    @Test
    void aScheduledReplyShowsItsTimeAndCanBeChangedAndCancelledBeforeItGoes() {
        LocalDate tomorrow = ZonedDateTime.now(CHICAGO).toLocalDate().plusDays(1);
        ScheduledSend scheduling = view.panel.scheduling;
        _setValue(view.panel.reply, "Your lab results are in; call us after 10.");
        _click(scheduling.schedule);
        _setValue(scheduling.day, tomorrow);
        _setValue(scheduling.time, LocalTime.of(9, 0));
        _click(scheduling.confirm);

        assertThat(scheduling.dialog.isOpened()).isFalse();
        assertThat(view.panel.reply.getValue()).isEmpty();
        String nine = scheduledReplies.describe(ZonedDateTime.of(tomorrow, LocalTime.of(9, 0), CHICAGO).toInstant());
        assertThat(scheduledLine().getText()).isEqualTo("Scheduled for " + nine).endsWith("9:00 AM CST");
        long messageId = db.sql("select max(id) from message where scheduled_for is not null").query(Long.class).single();
        assertThat(db.sql("select status from message where id = ?").param(messageId).query(String.class).single())
                .isEqualTo("QUEUED");
        assertThat(audit.newest("MESSAGE_SCHEDULED", PageRequest.of(0, 5)))
                .anySatisfy(e -> assertThat(e.targetId()).isEqualTo(String.valueOf(messageId)));

        _click(_get(view.panel.thread, Button.class, spec -> spec.withClasses("scheduled-edit")));
        assertThat(scheduling.text.getValue()).isEqualTo("Your lab results are in; call us after 10.");
        _setValue(scheduling.text, "Your lab results are in; call us after 11.");
        _setValue(scheduling.time, LocalTime.of(10, 30));
        _click(scheduling.confirm);

        assertThat(scheduledLine().getText()).endsWith("10:30 AM CST");
        assertThat(_find(view.panel.thread, Span.class, spec -> spec.withText(
                "Your lab results are in; call us after 11."))).hasSize(1);
        assertThat(audit.newest("SCHEDULED_REPLY_CHANGED", PageRequest.of(0, 5))).isNotEmpty();

        _click(_get(view.panel.thread, Button.class, spec -> spec.withClasses("scheduled-cancel")));

        assertThat(_find(view.panel.thread, Span.class, spec -> spec.withClasses("scheduled-for"))).isEmpty();
        assertThat(_find(view.panel.thread, Span.class, spec -> spec.withText("call us after 11"))).isEmpty();
        assertThat(db.sql("select status from message where id = ?").param(messageId).query(String.class).single())
                .isEqualTo("CANCELLED");
        assertThat(db.sql("select count(*) from outbound_task where id = ?").param(messageId).query(Long.class)
                .single()).isZero();
        assertThat(audit.newest("SCHEDULED_REPLY_CANCELLED", PageRequest.of(0, 5))).isNotEmpty();
    }

    @Test
    void aTimeInThePastOrOneTheClocksSkipIsRefusedInTheDialogAndNothingIsStored() {
        long before = db.sql("select count(*) from message where scheduled_for is not null").query(Long.class).single();
        ScheduledSend scheduling = view.panel.scheduling;
        assertThat(scheduling.schedule.isEnabled()).as("nothing to schedule yet, as nothing to send").isFalse();
        _setValue(view.panel.reply, "See you soon.");
        assertThat(scheduling.schedule.isEnabled()).isTrue();
        _click(scheduling.schedule);
        _setValue(scheduling.day, ZonedDateTime.now(CHICAGO).toLocalDate().minusDays(1));
        _click(scheduling.confirm);

        assertThat(scheduling.error.getText()).startsWith("Choose a time in the future: it is ");
        assertThat(scheduling.dialog.isOpened()).isTrue();

        LocalDate springForward = nextSpringForward();
        _setValue(scheduling.day, springForward);
        _setValue(scheduling.time, LocalTime.of(2, 30));
        _click(scheduling.confirm);
        assertThat(scheduling.error.getText()).isEqualTo("2:30 AM on " + springForward.format(
                DateTimeFormatter.ofPattern("MMM d", Locale.US))
                + " does not exist in America/Chicago: the clocks go forward then. Choose another time.");

        assertThat(view.panel.reply.getValue()).isEqualTo("See you soon.");
        assertThat(db.sql("select count(*) from message where scheduled_for is not null").query(Long.class).single())
                .isEqualTo(before);
    }

    /** The next day the practice's clocks skip 2:00-3:00 am (the second Sunday of March), within a year. */
    private static LocalDate nextSpringForward() {
        var transition = CHICAGO.getRules().nextTransition(Instant.now());
        while (!transition.isGap()) {
            transition = CHICAGO.getRules().nextTransition(transition.getInstant());
        }
        return transition.getDateTimeBefore().toLocalDate();
    }
}

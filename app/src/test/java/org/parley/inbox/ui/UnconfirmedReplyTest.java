package org.parley.inbox.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.GridKt._size;
import static com.github.mvysny.kaributesting.v10.GridKt._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Span;
import java.util.UUID;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.parley.audit.AuditEntries;
import org.parley.conversation.Replies;
import org.parley.inbox.ConversationRow;
import org.parley.inbox.InboxFixtures;
import org.parley.security.StaffDirectory;
import org.parley.security.StaffMember;
import org.parley.testsupport.KaribuTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.domain.PageRequest;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A reply whose send had an unknown outcome that the provider could not clear up is shown in the thread as "may not
 * have been sent - check before resending", with the reason, and one click on Resend queues it again (audited).
 */
@SpringBootTest(properties = {"spring.datasource.url=jdbc:h2:mem:unconfirmed-reply;DB_CLOSE_DELAY=-1",
        "parley.plugins.dir=${parley.test.plugins-dir}", "parley.outbound.poll-interval=200ms"})
class UnconfirmedReplyTest extends KaribuTest {

    private static final String REASON = "Vonage offers no lookup of sent messages";

    @Autowired
    StaffDirectory directory;
    @Autowired
    InboxFixtures inbox;
    @Autowired
    AuditEntries audit;

    @Autowired
    Replies replies;
    @Autowired
    JdbcClient db;

    @BeforeEach
    void loggedIn() {
        if (!directory.hasAnyUser()) {
            directory.createFirstAdmin("admin", "Ada Admin", "a long enough password");
        }
        loginAs("admin", "ADMIN");
    }

    @Test
    void anUnconfirmedReplyShowsTheWarningAndResendQueuesItAgain() {
        String text = "Question " + UUID.randomUUID();
        inbox.patientTexts("sandbox", UUID.randomUUID().toString(), "+19292030071", text);
        UI.getCurrent().navigate("");
        InboxView view = _get(InboxView.class);
        long conversationId = rowWithPreview(view, text).id();
        StaffMember ada = directory.findByUsername("admin").orElseThrow();
        long replyId = replies.reply(ada, conversationId, "Your results are fine.").id();
        // As the outbound queue leaves it when the provider cannot tell whether it has the message: no task, and
        // UNCONFIRMED with the reason. (Without a web server this test's sandbox carrier is never reached, so the queue
        // only ever retries; a try in progress finds its task gone and records nothing, and the new version keeps it
        // from writing back what it read before.)
        db.sql("delete from outbound_task where id = ?").param(replyId).update();
        db.sql("update message set status = 'UNCONFIRMED', status_reason = ?, provider_message_id = null, "
                + "version = version + 1 "
                + "where id = ?").params(REASON, replyId).update();

        UI.getCurrent().navigate("inbox/" + conversationId);

        assertThat(_find(view.panel.thread, Span.class, spec -> spec.withClasses("status-unconfirmed")))
                .singleElement().satisfies(status -> assertThat(status.getText())
                        .isEqualTo("may not have been sent - check before resending: " + REASON));
        Button resend = _get(view.panel.thread, Button.class, spec -> spec.withClasses("resend-message"));
        assertThat(_find(view.panel.thread, Button.class, spec -> spec.withClasses("resend-message")))
                .as("only the unconfirmed reply offers Resend").hasSize(1);

        _click(resend);

        assertThat(status(replyId)).isIn("QUEUED", "SENDING");
        assertThat(db.sql("select count(*) from outbound_task where id = ?").param(replyId).query(Long.class).single())
                .as("queued again for the outbound queue").isEqualTo(1);
        assertThat(audit.newest("MESSAGE_RESENT", PageRequest.of(0, 10)))
                .anySatisfy(entry -> {
                    assertThat(entry.actor()).isEqualTo("admin");
                    assertThat(entry.targetId()).isEqualTo(String.valueOf(replyId));
                });
        assertThat(_find(view.panel.thread, Span.class, spec -> spec.withClasses("status-unconfirmed")))
                .as("the thread no longer warns").isEmpty();
        assertThat(_find(view.panel.thread, Button.class, spec -> spec.withClasses("resend-message"))).isEmpty();
    }

    @Test
    void aReplyThatIsNotUnconfirmedCannotBeResent() {
        String text = "Question " + UUID.randomUUID();
        inbox.patientTexts("sandbox", UUID.randomUUID().toString(), "+19292030072", text);
        UI.getCurrent().navigate("");
        long conversationId = rowWithPreview(_get(InboxView.class), text).id();
        StaffMember ada = directory.findByUsername("admin").orElseThrow();
        long replyId = replies.reply(ada, conversationId, "See you Monday.").id();

        Assertions.assertThatThrownBy(() -> replies.resend(ada, replyId))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Only a reply that may not have been sent can be resent.");
    }

    @Test
    void anUnconfirmedReplyToAPatientWhoHasSinceOptedOutCannotBeResent() {
        String text = "Question " + UUID.randomUUID();
        String phone = "+19292030073";
        inbox.patientTexts("sandbox", UUID.randomUUID().toString(), phone, text);
        UI.getCurrent().navigate("");
        long conversationId = rowWithPreview(_get(InboxView.class), text).id();
        StaffMember ada = directory.findByUsername("admin").orElseThrow();
        long replyId = replies.reply(ada, conversationId, "Your results are fine.").id();
        db.sql("delete from outbound_task where id = ?").param(replyId).update();
        db.sql("update message set status = 'UNCONFIRMED', status_reason = ?, "
                + "version = version + 1 where id = ?").params(REASON, replyId)
                .update();
        inbox.patientTexts("sandbox", UUID.randomUUID().toString(), phone, "STOP");

        Assertions.assertThatThrownBy(() -> replies.resend(ada, replyId))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("opted out");
        assertThat(status(replyId)).isEqualTo("UNCONFIRMED");
        assertThat(db.sql("select count(*) from outbound_task where id = ?").param(replyId).query(Long.class).single())
                .isZero();
    }

    private String status(long messageId) {
        return db.sql("select status from message where id = ?").param(messageId).query(String.class).single();
    }

    private ConversationRow rowWithPreview(InboxView view, String preview) {
        for (int i = 0; i < _size(view.list); i++) {
            ConversationRow row = _get(view.list, i);
            if (row.preview().equals(preview)) {
                return row;
            }
        }
        throw new AssertionError("no conversation shows '" + preview + "'");
    }
}

package org.parley.inbox.ui;

import static com.github.mvysny.kaributesting.v10.GridKt._get;
import static com.github.mvysny.kaributesting.v10.GridKt._size;
import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.textfield.TextArea;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.parley.conversation.Attention;
import org.parley.inbox.ConversationRow;
import org.parley.security.StaffDirectory;
import org.parley.simulator.SandboxCarrier;
import org.parley.testsupport.KaribuTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/** What staff see of opt-outs, flags and voicemails in an opened conversation. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:flags-view;DB_CLOSE_DELAY=-1",
        "parley.plugins.dir=${parley.test.plugins-dir}"})
class ConversationFlagsIT extends KaribuTest {

    @Autowired
    StaffDirectory directory;
    @Autowired
    SandboxCarrier carrier;

    @BeforeEach
    void loggedIn() {
        if (!directory.hasAnyUser()) {
            directory.createFirstAdmin("admin", "Ada Admin", "a long enough password");
        }
        loginAs("admin", "ADMIN");
    }

    private InboxView openConversationOf(String formattedNumber) {
        UI.getCurrent().navigate("");
        InboxView inbox = _get(InboxView.class);
        ConversationRow row = IntStream.range(0, _size(inbox.list)).mapToObj(i -> _get(inbox.list, i))
                .filter(r -> r.contactName().equals(formattedNumber)).findFirst().orElseThrow();
        UI.getCurrent().navigate("inbox/" + row.id());
        return _get(InboxView.class);
    }

    private static boolean shows(InboxView view, String text) {
        return _find(view.panel, Span.class).stream().anyMatch(span -> text.equals(span.getText()));
    }

    @Test
    void aPatientWhoRepliedStopIsShownOptedOutAndTheReplyBoxSaysWhy() {
        carrier.textPractice("sandbox", "+19292037001", "STOP", null, null, null);

        InboxView view = openConversationOf("(929) 203-7001");

        assertThat(view.panel.optOut.isVisible()).isTrue();
        assertThat(view.panel.optOut.getText()).startsWith("Opted out of texts since");
        TextArea reply = _get(TextArea.class, spec -> spec.withId("reply"));
        assertThat(reply.isEnabled()).isFalse();
        assertThat(reply.getPlaceholder()).contains("opted out");
        assertThat(shows(view, "Opted out of texts by replying STOP. Nothing can be sent until the patient replies START."))
                .isTrue();
    }

    @Test
    void aPossibleOptOutIsFlaggedInTheListAndTheConversationUntilMarkedHandled() {
        carrier.textPractice("sandbox", "+19292037002", "please stop texting me", null, null, null);
        UI.getCurrent().navigate("");
        InboxView inbox = _get(InboxView.class);
        ConversationRow row = IntStream.range(0, _size(inbox.list)).mapToObj(i -> _get(inbox.list, i))
                .filter(r -> r.contactName().equals("(929) 203-7002")).findFirst().orElseThrow();
        assertThat(row.attention()).isEqualTo(Attention.POSSIBLE_OPT_OUT);

        InboxView view = openConversationOf("(929) 203-7002");
        assertThat(view.panel.banner.isVisible()).isTrue();
        assertThat(_get(Span.class, spec -> spec.withId("attention-reason")).getText())
                .startsWith("Possible opt-out request");

        _click(_get(Button.class, spec -> spec.withId("attention-handled")));
        assertThat(view.panel.banner.isVisible()).isFalse();
    }

    @Test
    void aVoicemailShowsAPlayerTheTranscriptAsAutomaticAndWhetherTheCallerCanBeTexted() {
        carrier.leaveVoicemail("sandbox", "+19292007008", "audio/mpeg", "vm.mp3", new byte[] {1, 2, 3},
                "Please call me about my test results", false);

        InboxView view = openConversationOf("(929) 200-7008");

        assertThat(shows(view, "Voicemail · internal, never sent to the patient")).isTrue();
        assertThat(shows(view, "Automatic transcription — listen before acting")).isTrue();
        assertThat(shows(view, "Please call me about my test results")).isTrue();
        assertThat(shows(view, "Caller's number: landline — call back")).isTrue();
        assertThat(view.panel.thread.getElement().toString()).contains("<audio");
    }
}

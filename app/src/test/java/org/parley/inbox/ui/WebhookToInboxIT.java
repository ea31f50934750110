package org.parley.inbox.ui;

import static com.github.mvysny.kaributesting.v10.GridKt._get;
import static com.github.mvysny.kaributesting.v10.GridKt._size;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Image;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.parley.conversation.ConversationService;
import org.parley.conversation.media.MediaInfo;
import org.parley.inbox.ConversationRow;
import org.parley.security.StaffDirectory;
import org.parley.simulator.SandboxCarrier;
import org.parley.testsupport.KaribuTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * A text travels the whole inbound path, over real HTTP: the carrier signs and posts the provider webhook,
 * the sandbox plugin verifies and reads it (fetching any picture with a signed request), the inbox stores it,
 * and an open inbox is pushed the change.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:webhook-push;DB_CLOSE_DELAY=-1",
        "parley.plugins.dir=${parley.test.plugins-dir}"})
class WebhookToInboxIT extends KaribuTest {

    /** A 1x1 PNG. */
    private static final byte[] PICTURE = Base64.getDecoder().decode(
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");

    @Autowired
    StaffDirectory directory;
    @Autowired
    SandboxCarrier carrier;
    @Autowired
    ConversationService conversations;

    @BeforeEach
    void loggedIn() {
        if (!directory.hasAnyUser()) {
            directory.createFirstAdmin("admin", "Ada Admin", "a long enough password");
        }
        loginAs("admin", "ADMIN");
    }

    private static Optional<ConversationRow> rowShowing(InboxView inbox, String preview) {
        return IntStream.range(0, _size(inbox.list)).mapToObj(i -> _get(inbox.list, i))
                .filter(row -> row.preview().equals(preview)).findFirst();
    }

    private static ConversationRow awaitRow(InboxView inbox, String preview) {
        await().pollInSameThread().atMost(Duration.ofSeconds(10)).until(() -> {
            roundtrip();
            return rowShowing(inbox, preview).isPresent();
        });
        return rowShowing(inbox, preview).orElseThrow();
    }

    @Test
    void aSignedWebhookIsStoredAndPushedToAnOpenInbox() {
        UI.getCurrent().navigate("");
        InboxView inbox = _get(InboxView.class);
        assertThat(rowShowing(inbox, "Running a fever since last night")).isEmpty();

        assertThat(carrier.textPractice("sandbox", "+1 (929) 203-8684", "Running a fever since last night",
                null, null, null).accepted()).isTrue();

        ConversationRow row = awaitRow(inbox, "Running a fever since last night");
        assertThat(row.contactName()).isEqualTo("(929) 203-8684");
        assertThat(row.unseen()).isTrue();
    }

    @Test
    void aPictureFromThePatientIsFetchedStoredAndShownInTheThread() {
        UI.getCurrent().navigate("");
        InboxView inbox = _get(InboxView.class);

        assertThat(carrier.textPractice("sandbox", "+19292031111", "Here is the rash", "image/png", "rash.png",
                PICTURE).accepted()).isTrue();

        ConversationRow row = awaitRow(inbox, "Here is the rash");
        MediaInfo media = conversations.thread(row.id(), 0, 10).get(0).media().get(0);
        assertThat(media.contentType()).isEqualTo("image/png");
        assertThat(media.sizeBytes()).isEqualTo(PICTURE.length);
        assertThat(conversations.attachment(media.id())).contains(PICTURE);

        UI.getCurrent().navigate("inbox/" + row.id());
        assertThat(_find(_get(InboxView.class).panel.thread, Image.class)).hasSize(1);
    }
}

package org.parley.inbox.ui;

import static com.github.mvysny.kaributesting.v10.GridKt._get;
import static com.github.mvysny.kaributesting.v10.GridKt._size;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.vaadin.flow.component.UI;
import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.parley.inbox.ConversationRow;
import org.parley.security.StaffDirectory;
import org.parley.simulator.SandboxCarrier;
import org.parley.testsupport.KaribuTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * A text travels the whole inbound path, over real HTTP: the carrier signs and posts the provider webhook,
 * the sandbox plugin verifies and reads it, the inbox stores it, and an open inbox is pushed the change.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:webhook-push;DB_CLOSE_DELAY=-1",
        "parley.plugins.dir=${parley.test.plugins-dir}"})
class WebhookToInboxIT extends KaribuTest {

    @Autowired
    StaffDirectory directory;
    @Autowired
    SandboxCarrier carrier;

    @Test
    void aSignedWebhookIsStoredAndPushedToAnOpenInbox() {
        directory.createFirstAdmin("admin", "Ada Admin", "a long enough password");
        loginAs("admin", "ADMIN");
        UI.getCurrent().navigate("");
        InboxView inbox = _get(InboxView.class);
        assertThat(_size(inbox.list)).isZero();

        assertThat(carrier.textPractice("sandbox", "+1 (929) 203-8684", "Running a fever since last night",
                null, null, null).accepted()).isTrue();

        await().pollInSameThread().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            roundtrip();
            assertThat(IntStream.range(0, _size(inbox.list)).mapToObj(i -> _get(inbox.list, i))
                    .map(ConversationRow::preview)).containsExactly("Running a fever since last night");
        });
        assertThat(inbox.count.getText()).isEqualTo("1 open");
    }
}

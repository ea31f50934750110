package org.parley.encryption.ui;

import static com.github.mvysny.kaributesting.v10.GridKt._getFormattedRow;
import static com.github.mvysny.kaributesting.v10.GridKt._size;
import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.pro.ConfirmDialogKt._fireCancel;
import static com.github.mvysny.kaributesting.v10.pro.ConfirmDialogKt._fireConfirm;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.github.mvysny.kaributesting.v10.MockAccessDeniedException;
import com.vaadin.flow.component.UI;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.parley.audit.AuditEntry;
import org.parley.audit.AuditEntries;
import org.parley.encryption.EncryptionAdministration;
import org.parley.encryption.ReencryptionProgress;
import org.parley.security.Role;
import org.parley.security.StaffFixtures;
import org.parley.testsupport.KaribuTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.domain.PageRequest;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@SpringBootTest
class EncryptionViewTest extends KaribuTest {

    private static final Path KEYS = temporaryFolder().resolve("parley.keys");

    @DynamicPropertySource
    static void ownDatabaseAndKeyFile(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:encryption-view;DB_CLOSE_DELAY=-1");
        registry.add("parley.plugins.dir", () -> System.getProperty("parley.test.plugins-dir"));
        registry.add("parley.encryption.key-file", KEYS::toString);
        registry.add("parley.encryption.reencrypt-on-start", () -> "false");
    }

    @Autowired
    StaffFixtures staff;
    @Autowired
    AuditEntries audit;
    @Autowired
    EncryptionAdministration encryption;

    @BeforeEach
    void accountsExist() {
        staff.firstAdmin("admin", "Ada Admin", "a long enough password");
        staff.account("nurse", "Nora Nurse", "a nurse's long password", Role.STAFF);
    }

    private EncryptionView open() {
        loginAs("admin", "ADMIN");
        UI.getCurrent().navigate("admin/encryption");
        return _get(EncryptionView.class);
    }

    @Test
    void anAdminSeesWhereTheKeyFileIsAndRotatesTheKeyAfterConfirming() throws IOException {
        EncryptionView view = open();
        int before = encryption.status().primaryKeyId();
        assertThat(view.keyFile.getText()).contains(KEYS.toString()).contains("Key " + before + " encrypts new data");

        _click(view.rotate);
        _fireConfirm(view.confirmation);

        int after = before + 1;
        assertThat(view.message.getText()).isEqualTo("Key " + after + " encrypts new data now. Back up the key file.");
        assertThat(view.keyFile.getText()).contains("Key " + after + " encrypts new data");
        assertThat(_size(view.keys)).isEqualTo(after);
        assertThat(_getFormattedRow(view.keys, after - 1)).containsSubsequence(String.valueOf(after),
                "encrypts new data");
        assertThat(Files.readString(KEYS)).contains("primary=" + after, "key." + before + "=");
        assertThat(audit.newest(PageRequest.of(0, 20))).filteredOn(e -> e.action().equals("ENCRYPTION_KEY_ROTATED"))
                .first().extracting(AuditEntry::actor, AuditEntry::targetId)
                .containsExactly("admin", String.valueOf(after));
    }

    @Test
    void cancellingTheConfirmationKeepsTheKey() {
        EncryptionView view = open();
        int before = encryption.status().primaryKeyId();

        _click(view.rotate);
        _fireCancel(view.confirmation);

        assertThat(encryption.status().primaryKeyId()).isEqualTo(before);
        assertThat(view.message.getText()).isEmpty();
    }

    @Test
    void theJobsProgressAppearsOnThePageAsItRuns() {
        EncryptionView view = open();
        assertThat(view.pending.getText()).isNotEmpty();

        _click(view.reencrypt);

        assertThat(view.message.getText()).isIn("Re-encryption started.", "Re-encryption is running already.");
        await().pollInSameThread().atMost(Duration.ofSeconds(30)).until(() -> {
            roundtrip();
            return encryption.progress().state() == ReencryptionProgress.State.FINISHED
                    && view.jobState.getText().startsWith("Finished");
        });
        assertThat(view.bar.getValue()).isEqualTo(1.0);
        assertThat(view.pending.getText()).isEqualTo("All data is under the current key.");
        assertThat(audit.newest(PageRequest.of(0, 20))).extracting(AuditEntry::action)
                .contains("REENCRYPTION_STARTED");
    }

    @Test
    void staffAreRefusedThePageAndTheServerRefusesThemARotation() {
        loginAs("nurse", "STAFF");

        assertThatThrownBy(() -> UI.getCurrent().navigate("admin/encryption"))
                .isInstanceOf(MockAccessDeniedException.class);
        assertThatThrownBy(() -> encryption.rotate("nurse")).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(encryption::status).isInstanceOf(AccessDeniedException.class);
    }

    private static Path temporaryFolder() {
        try {
            return Files.createTempDirectory("parley-keys");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package org.parley.provider.ui;

import static com.github.mvysny.kaributesting.v10.GridKt._getFormattedRow;
import static com.github.mvysny.kaributesting.v10.GridKt._size;
import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.parley.audit.AuditEntries;
import org.parley.provider.ProviderRegistry;
import org.parley.security.StaffFixtures;
import org.parley.testsupport.KaribuTest;
import org.parley.testsupport.PluginArchives;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.domain.PageRequest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** An admin installs the real sandbox archive into an empty plugins folder, then disables and enables it. */
@SpringBootTest(properties = "spring.datasource.url=jdbc:h2:mem:plugin-install;DB_CLOSE_DELAY=-1")
@DirtiesContext
class PluginInstallViewTest extends KaribuTest {

    private static final Path EMPTY_PLUGINS_FOLDER;

    static {
        try {
            EMPTY_PLUGINS_FOLDER = Files.createTempDirectory("parley-plugins");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @DynamicPropertySource
    static void emptyPluginsFolder(DynamicPropertyRegistry registry) {
        registry.add("parley.plugins.dir", EMPTY_PLUGINS_FOLDER::toString);
    }

    @Autowired
    StaffFixtures staff;
    @Autowired
    ProviderRegistry registry;
    @Autowired
    AuditEntries audit;

    @BeforeEach
    void anAdminIsLoggedIn() {
        staff.firstAdmin("admin", "Ada Admin", "a long enough password");
        loginAs("admin", "ADMIN");
    }

    private static List<String> row(PluginsView view, String pluginId) {
        return IntStream.range(0, _size(view.grid)).mapToObj(i -> _getFormattedRow(view.grid, i))
                .filter(r -> r.getFirst().equals(pluginId)).findFirst()
                .orElseThrow(() -> new AssertionError("no plugin '" + pluginId + "' listed"));
    }

    private static Button toggleOf(PluginsView view, String pluginId) {
        int index = IntStream.range(0, _size(view.grid))
                .filter(i -> _getFormattedRow(view.grid, i).getFirst().equals(pluginId)).findFirst().orElseThrow();
        return (Button) GridKt._getCellComponent(view.grid, index, "toggle");
    }

    @Test
    void anUploadedArchiveIsInstalledStartedAndCanBeDisabledAndEnabled() throws IOException {
        UI.getCurrent().navigate("admin/plugins");
        PluginsView view = _get(PluginsView.class);
        assertThat(_size(view.grid)).isZero();
        Path archive = PluginArchives.sandbox();

        view.install(archive.getFileName().toString(), Files.readAllBytes(archive));

        assertThat(view.result.getText()).isEqualTo("Plugin 'sandbox' installed and started.");
        assertThat(row(view, "sandbox")).contains("STARTED", "MessagingProvider: sandbox");
        assertThat(registry.provider("sandbox")).isPresent();
        assertThat(Files.exists(EMPTY_PLUGINS_FOLDER.resolve(archive.getFileName()))).isTrue();
        assertThat(audit.newest("PLUGIN_INSTALLED", PageRequest.of(0, 5))).hasSize(1);

        _click(toggleOf(view, "sandbox"));
        assertThat(view.result.getText()).isEqualTo("Plugin 'sandbox' disabled.");
        assertThat(row(view, "sandbox")).contains("DISABLED");
        assertThat(registry.provider("sandbox")).isEmpty();

        _click(toggleOf(view, "sandbox"));
        assertThat(row(view, "sandbox")).contains("STARTED");
        assertThat(registry.provider("sandbox")).isPresent();
        assertThat(audit.newest("PLUGIN_DISABLED", PageRequest.of(0, 5))).hasSize(1);
        assertThat(audit.newest("PLUGIN_ENABLED", PageRequest.of(0, 5))).hasSize(1);
    }

    @Test
    void aFileThatIsNotAPluginArchiveIsRefusedWithTheReason() {
        UI.getCurrent().navigate("admin/plugins");
        PluginsView view = _get(PluginsView.class);

        view.install("notes.txt", "hello".getBytes());
        assertThat(view.result.getText()).isEqualTo("Not installed: A plugin archive is a .zip or .jar file with a plain name.");

        view.install("broken.zip", "not a zip at all".getBytes());
        assertThat(view.result.getText()).startsWith("Not installed: The archive has no PF4J manifest");
        assertThat(Files.exists(EMPTY_PLUGINS_FOLDER.resolve("broken.zip"))).isFalse();
    }
}

package org.parley.provider;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pf4j.DefaultPluginManager;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

class PluginHostHealthIndicatorTest {

    @TempDir
    Path temp;

    @Test
    void aBrokenArchiveOrAMissingFolderLeavesParleyReadyAndIsNamedInTheDetails() {
        Path missing = temp.resolve("plugins");
        var host = new PluginHostConfiguration.PluginHost(new DefaultPluginManager(missing), missing,
                List.of(new PluginHostConfiguration.PluginHost.LoadFailure("broken.zip",
                        "java.lang.IllegalStateException: no manifest")));

        Health health = new PluginHostHealthIndicator(host).health();

        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails()).containsEntry("folderExists", false)
                .containsEntry("failedArchives", List.of("broken.zip: java.lang.IllegalStateException: no manifest"))
                .containsEntry("started", List.of());
    }
}

package org.parley.provider;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

@ExtendWith(OutputCaptureExtension.class)
class MissingPluginsFolderTest {

    @TempDir
    Path temp;

    @Test
    void aMissingPluginsFolderLeavesThePluginHostRunningWithoutPluginsAndTheLogNamesTheFolder(CapturedOutput output) {
        Path missing = temp.resolve("plugins");

        PluginHostConfiguration.PluginHost host = new PluginHostConfiguration().pluginHost(missing.toString());

        assertThat(host.manager().getPlugins()).isEmpty();
        assertThat(host.failures()).isEmpty();
        assertThat(output).contains("Plugins folder " + missing + " does not exist: no plugins are loaded");
        host.destroy();
    }
}

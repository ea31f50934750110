package org.parley.plugin.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginArchiveTest {

    @TempDir
    Path dir;

    @Test
    void aZipWithItsManifestIndexAndOwnLibrariesPasses() throws IOException {
        Path zip = zip("good.zip", "classes/META-INF/MANIFEST.MF", "classes/META-INF/extensions.idx",
                "classes/org/example/MyProvider.class", "lib/some-library-1.0.jar");

        assertThat(PluginArchive.at(zip).assertShipsNothingTheAppProvides().entries())
                .contains("lib/some-library-1.0.jar");
    }

    @Test
    void aZipThatShipsPf4jSlf4jOrThePluginApiFailsNamingEach() throws IOException {
        Path zip = zip("bad.zip", "classes/META-INF/MANIFEST.MF", "classes/META-INF/extensions.idx",
                "lib/pf4j-3.15.0.jar", "lib/slf4j-api-2.0.17.jar", "lib/parley-plugin-api-0.1.0-SNAPSHOT.jar",
                "classes/org/parley/plugin/LineContext.class");

        assertThatThrownBy(() -> PluginArchive.at(zip).assertShipsNothingTheAppProvides())
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("lib/pf4j-3.15.0.jar").hasMessageContaining("lib/slf4j-api-2.0.17.jar")
                .hasMessageContaining("lib/parley-plugin-api-0.1.0-SNAPSHOT.jar")
                .hasMessageContaining("classes/org/parley/plugin/LineContext.class");
    }

    @Test
    void aZipWithoutExtensionIndexFails() throws IOException {
        Path zip = zip("no-index.zip", "classes/META-INF/MANIFEST.MF", "classes/org/example/MyProvider.class");

        assertThatThrownBy(() -> PluginArchive.at(zip).assertShipsNothingTheAppProvides())
                .isInstanceOf(AssertionError.class).hasMessageContaining("missing classes/META-INF/extensions.idx");
    }

    @Test
    void aMissingZipSaysToRunThroughMaven() {
        assertThatThrownBy(() -> PluginArchive.at(dir.resolve("none.zip")))
                .isInstanceOf(AssertionError.class).hasMessageContaining("run the test through Maven");
    }

    private Path zip(String name, String... entries) throws IOException {
        Path zip = dir.resolve(name);
        try (OutputStream file = Files.newOutputStream(zip); ZipOutputStream out = new ZipOutputStream(file)) {
            for (String entry : entries) {
                out.putNextEntry(new ZipEntry(entry));
                out.write(new byte[] {1});
                out.closeEntry();
            }
        }
        return zip;
    }
}

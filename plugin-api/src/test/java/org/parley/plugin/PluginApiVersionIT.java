package org.parley.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Properties;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/** The plugin API has one version: the pom's, which the jar's manifest, its properties and PluginApi.VERSION say. */
class PluginApiVersionIT {

    @Test
    void theJarsManifestItsPropertiesAndTheConstantSayThePomsVersion() throws IOException {
        String pom = System.getProperty("plugin-api.version");
        Path jar = Path.of(System.getProperty("plugin-api.jar", "missing"));
        assertThat(jar).as("the jar the package phase wrote; run through Maven").exists();

        String manifest;
        Properties properties = new Properties();
        try (JarFile file = new JarFile(jar.toFile())) {
            manifest = file.getManifest().getMainAttributes().getValue("Parley-Plugin-Api-Version");
            try (InputStream in = file.getInputStream(file.getEntry("org/parley/plugin/plugin-api.properties"))) {
                properties.load(in);
            }
        }

        assertThat(pom).matches("\\d+\\.\\d+\\.\\d+");
        assertThat(manifest).isEqualTo(pom);
        assertThat(properties.getProperty("version")).isEqualTo(pom);
        assertThat(PluginApi.VERSION).isEqualTo(pom);
    }
}

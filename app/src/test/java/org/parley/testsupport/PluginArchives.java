package org.parley.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The plugin archives the build made, for tests that load real plugins. Maven passes their folder as system
 * property {@value #PLUGINS_DIR_PROPERTY} (the top-level {@code parley-plugins} folder, filled by the
 * {@code plugins} modules' {@code package} phase).
 */
public final class PluginArchives {

    /** The system property naming the folder the build puts plugin archives in. */
    public static final String PLUGINS_DIR_PROPERTY = "parley.test.plugins-dir";

    private static final String HOW_TO_BUILD = "build the plugins first, e.g. ./mvnw -o install -DskipTests";

    private PluginArchives() {
    }

    /**
     * The folder with the built plugin archives.
     *
     * @throws IllegalStateException when the property is not set or the folder does not exist
     */
    public static Path directory() {
        String configured = System.getProperty(PLUGINS_DIR_PROPERTY);
        if (configured == null || configured.isBlank()) {
            throw new IllegalStateException("System property " + PLUGINS_DIR_PROPERTY
                    + " is not set: run the test through Maven, or pass -D" + PLUGINS_DIR_PROPERTY
                    + "=<checkout>/parley-plugins");
        }
        Path directory = Path.of(configured).toAbsolutePath().normalize();
        if (!Files.isDirectory(directory)) {
            throw new IllegalStateException("Plugins folder " + directory + " does not exist: " + HOW_TO_BUILD);
        }
        return directory;
    }

    /**
     * The sandbox plugin's archive, {@code sandbox-<version>.zip}.
     *
     * @throws IllegalStateException when there is not exactly one
     */
    public static Path sandbox() {
        return archive("sandbox");
    }

    /**
     * The archive {@code <pluginId>-<version>.zip} of a plugin.
     *
     * @throws IllegalStateException when there is not exactly one
     */
    public static Path archive(String pluginId) {
        Path directory = directory();
        List<Path> found;
        try (Stream<Path> files = Files.list(directory)) {
            found = files.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().matches(Pattern.quote(pluginId)
                            + "-[0-9][^/]*\\.zip"))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (found.size() != 1) {
            throw new IllegalStateException("Expected one " + pluginId + "-<version>.zip in " + directory
                    + ", found " + found + ": " + HOW_TO_BUILD);
        }
        return found.get(0);
    }

    /** The version in an archive's name: {@code 0.1.0-SNAPSHOT} for {@code sandbox-0.1.0-SNAPSHOT.zip}. */
    public static String version(Path archive, String pluginId) {
        String name = archive.getFileName().toString();
        return name.substring(pluginId.length() + 1, name.length() - ".zip".length());
    }
}

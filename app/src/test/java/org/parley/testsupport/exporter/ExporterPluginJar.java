package org.parley.testsupport.exporter;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.parley.testsupport.PluginArchives;

/**
 * Builds the test plugin {@code test-ehr} as a real PF4J plugin jar ({@link FakeEhrExporter}'s classes, a PF4J
 * manifest and {@code META-INF/extensions.idx}), the way PF4J's own tests build plugins, so tests load a chart
 * exporter through the app's plugin host rather than calling a class on the class path.
 */
public final class ExporterPluginJar {

    /** The plugin's version, in its file name. */
    public static final String VERSION = "1.0.0";

    private ExporterPluginJar() {
    }

    /** Writes {@code test-ehr-1.0.0.jar} into {@code folder}. */
    public static Path write(Path folder) {
        Path jar = folder.resolve(FakeEhrExporter.ID + "-" + VERSION + ".jar");
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Plugin-Id", FakeEhrExporter.ID);
        main.putValue("Plugin-Version", VERSION);
        main.putValue("Plugin-Provider", "Parley tests");
        main.putValue("Plugin-Description", "A chart exporter that posts to a fake EHR");
        main.putValue("Plugin-Requires", "1.2.0");
        try {
            Files.createDirectories(folder);
            Path classes = Path.of(FakeEhrExporter.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            String packagePath = FakeEhrExporter.class.getPackageName().replace('.', '/');
            List<Path> classFiles;
            try (Stream<Path> files = Files.list(classes.resolve(packagePath))) {
                classFiles = files.filter(p -> p.getFileName().toString().matches("FakeEhrExporter(\\$.*)?\\.class"))
                        .sorted().toList();
            }
            try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file, manifest)) {
                out.putNextEntry(new JarEntry("META-INF/extensions.idx"));
                out.write((FakeEhrExporter.class.getName() + "\n").getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
                for (Path classFile : classFiles) {
                    out.putNextEntry(new JarEntry(packagePath + "/" + classFile.getFileName()));
                    out.write(Files.readAllBytes(classFile));
                    out.closeEntry();
                }
            }
            return jar;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A new plugins folder holding the sandbox archive (the default line's provider) and this test plugin, for a
     * Spring test's {@code parley.plugins.dir}.
     */
    public static Path pluginsFolderWithSandbox() {
        try {
            Path folder = Files.createTempDirectory("parley-chart-plugins");
            Path sandbox = PluginArchives.sandbox();
            Files.copy(sandbox, folder.resolve(sandbox.getFileName()));
            write(folder);
            return folder;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

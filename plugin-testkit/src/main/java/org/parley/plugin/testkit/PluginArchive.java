package org.parley.plugin.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.jar.Manifest;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.parley.plugin.PluginApi;
import org.pf4j.CompoundPluginLoader;
import org.pf4j.DefaultPluginLoader;
import org.pf4j.DefaultPluginManager;
import org.pf4j.ExtensionFactory;
import org.pf4j.PluginClassLoader;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginLoader;
import org.pf4j.PluginState;
import org.pf4j.PluginWrapper;
import org.pf4j.SingletonExtensionFactory;

/**
 * A plugin zip as the build packaged it, checked and loaded as Parley's plugin host loads it.
 *
 * <p>{@link #assertShipsNothingTheAppProvides} checks the zip carries its manifest and extension index and no pf4j,
 * slf4j or plugin API (classes or jars): those come from the app, and a second copy in the plugin's class loader
 * breaks it. {@link #startExtension} copies the zip into a plugins folder and loads it with a
 * {@link DefaultPluginManager} set up like the app's (this API's version, "this version or newer", one archive at a
 * time, one instance per extension), except that the plugin's parent class loader sees only what the app offers a
 * plugin ({@link #APP_PACKAGES}), not the test's class path: a library missing from the zip fails here.
 *
 * <p>As a JUnit 5 extension it stops and unloads the plugin, and deletes its plugins folder, after each test:
 *
 * <pre>{@code
 * @RegisterExtension
 * final PluginArchive archive = PluginArchive.built();
 *
 * @Test
 * void pf4jStartsIt() {
 *     archive.assertShipsNothingTheAppProvides();
 *     MessagingProvider provider = archive.startExtension(MessagingProvider.class);
 * }
 * }</pre>
 */
public final class PluginArchive implements AutoCloseable, AfterEachCallback {

    /** The system property naming the zip the build packaged; Parley's plugins parent sets it for Failsafe. */
    public static final String ARCHIVE_PROPERTY = "parley.plugin.archive";

    /** What the app's class loader offers a plugin: PF4J, slf4j, the plugin API, and the app's Jackson and logback. */
    public static final List<String> APP_PACKAGES = List.of("org.pf4j.", "org.slf4j.", "org.parley.plugin.",
            "com.github.zafarkhaja.", "com.fasterxml.jackson.", "ch.qos.logback.");

    private static final Pattern APP_LIBRARIES = Pattern.compile("lib/(pf4j|slf4j|jcl-over-slf4j|parley-|java-semver).*");
    private static final List<String> APP_CLASSES = List.of("classes/org/pf4j/", "classes/org/slf4j/",
            "classes/org/parley/plugin/");

    private final Path zip;
    private final ClassLoader app = new AppClassLoader(PluginArchive.class.getClassLoader());
    private DefaultPluginManager manager;
    private String pluginId;
    private Path pluginsDir;

    private PluginArchive(Path zip) {
        if (!Files.isRegularFile(zip)) {
            throw new AssertionError("no plugin archive at " + zip + ": run the test through Maven after the package "
                    + "phase (system property " + ARCHIVE_PROPERTY + ")");
        }
        this.zip = zip;
    }

    /** The zip the package phase wrote, named by the system property {@value #ARCHIVE_PROPERTY}. */
    public static PluginArchive built() {
        String path = System.getProperty(ARCHIVE_PROPERTY);
        if (path == null || path.isBlank()) {
            throw new AssertionError("system property " + ARCHIVE_PROPERTY + " is not set: run the test through "
                    + "Maven (Failsafe, after the package phase) in a module whose parent is parley-plugins");
        }
        return new PluginArchive(Path.of(path));
    }

    /** The zip at {@code zip}. */
    public static PluginArchive at(Path zip) {
        return new PluginArchive(zip);
    }

    /** Where the zip is. */
    public Path path() {
        return zip;
    }

    /** The names of the zip's entries, e.g. {@code classes/META-INF/MANIFEST.MF} and {@code lib/some-1.0.jar}. */
    public List<String> entries() {
        try (ZipFile file = new ZipFile(zip.toFile())) {
            return Collections.list(file.entries()).stream().map(ZipEntry::getName).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + zip, e);
        }
    }

    /** The PF4J manifest inside the zip ({@code classes/META-INF/MANIFEST.MF}). */
    public Manifest manifest() {
        try (ZipFile file = new ZipFile(zip.toFile())) {
            ZipEntry entry = file.getEntry("classes/META-INF/MANIFEST.MF");
            if (entry == null) {
                throw new AssertionError(zip.getFileName() + " has no classes/META-INF/MANIFEST.MF");
            }
            try (InputStream in = file.getInputStream(entry)) {
                return new Manifest(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + zip, e);
        }
    }

    /**
     * Checks the zip has its manifest and extension index, and no library, class or jar the app provides: no pf4j,
     * slf4j, plugin API or PF4J's semver library, as classes or in {@code lib/}.
     *
     * @throws AssertionError naming what is missing or what should not be there
     */
    public PluginArchive assertShipsNothingTheAppProvides() {
        List<String> entries = entries();
        List<String> problems = new ArrayList<>();
        for (String needed : List.of("classes/META-INF/MANIFEST.MF", "classes/META-INF/extensions.idx")) {
            if (!entries.contains(needed)) {
                problems.add("missing " + needed);
            }
        }
        for (String entry : entries) {
            // nor the same classes copied in loose: the plugin must see the app's extension points, not its own
            if (APP_LIBRARIES.matcher(entry).matches() || APP_CLASSES.stream().anyMatch(entry::startsWith)) {
                problems.add("ships " + entry + ", which the app provides");
            }
        }
        if (!problems.isEmpty()) {
            throw new AssertionError(zip.getFileName() + ": " + String.join("; ", problems));
        }
        return this;
    }

    /**
     * Copies the zip into a plugins folder of its own, loads and starts it as the app does, and answers its one
     * extension of {@code point}, checked to come from the plugin's own class loader. {@link #close} (after each test,
     * as an extension) stops and unloads it and deletes the folder.
     *
     * @throws AssertionError when the plugin does not start or has not exactly one such extension
     */
    public <T> T startExtension(Class<T> point) {
        if (manager != null) {
            throw new IllegalStateException("already started; one archive, one start");
        }
        Path copy;
        try {
            pluginsDir = Files.createTempDirectory("parley-plugins");
            copy = Files.copy(zip, pluginsDir.resolve(zip.getFileName()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + zip + " to a plugins folder", e);
        }
        manager = new AppLikePluginManager(pluginsDir, app);
        manager.setSystemVersion(PluginApi.VERSION);
        manager.setExactVersionAllowed(false);
        pluginId = manager.loadPlugin(copy);
        if (pluginId == null) {
            throw new AssertionError("PF4J did not load " + zip.getFileName());
        }
        PluginState state = manager.startPlugin(pluginId);
        if (state != PluginState.STARTED) {
            throw new AssertionError("plugin " + pluginId + " is " + state + ", not STARTED",
                    manager.getPlugin(pluginId).getFailedException());
        }
        List<T> extensions = manager.getExtensions(point, pluginId);
        if (extensions.size() != 1) {
            throw new AssertionError("plugin " + pluginId + " has " + extensions.size() + " extensions of "
                    + point.getSimpleName() + ", expected one (is it in META-INF/extensions.idx?)");
        }
        T extension = extensions.getFirst();
        if (!(extension.getClass().getClassLoader() instanceof PluginClassLoader)) {
            throw new AssertionError(extension.getClass().getName() + " was loaded from the class path, not the zip");
        }
        return extension;
    }

    /** The started plugin (its descriptor, state). */
    public PluginWrapper plugin() {
        if (manager == null) {
            throw new IllegalStateException("start the plugin first");
        }
        return manager.getPlugin(pluginId);
    }

    /** The class loader the plugin's class loader has as its parent: the app's, offering only {@link #APP_PACKAGES}. */
    public ClassLoader appClassLoader() {
        return app;
    }

    /**
     * Runs {@code call} with the app's class loader as the thread's context class loader, as on the app's threads:
     * the test's class path may hold the plugin's libraries, which would hide a plugin that only works when a library
     * finds its resources through the context class loader.
     */
    public <T> T onAnAppThread(Callable<T> call) throws Exception {
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        thread.setContextClassLoader(app);
        try {
            return call.call();
        } finally {
            thread.setContextClassLoader(before);
        }
    }

    /** Stops and unloads the plugin, if started, and deletes its plugins folder. */
    @Override
    public void close() {
        if (manager != null) {
            // one by one: PF4J 3.15.0's stopPlugins() can throw ConcurrentModificationException
            manager.stopPlugin(pluginId);
            manager.unloadPlugin(pluginId);
            manager = null;
        }
        if (pluginsDir != null) {
            try (Stream<Path> files = Files.walk(pluginsDir)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(file);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot delete " + pluginsDir, e);
            }
            pluginsDir = null;
        }
    }

    /** As a JUnit 5 extension: {@link #close} after each test. */
    @Override
    public void afterEach(ExtensionContext context) {
        close();
    }

    /**
     * The app's plugin host (PluginHostConfiguration): a DefaultPluginManager with one instance per extension
     * (PF4J's own singleton factory stands in for the app's thread-safe one), whose plugin class loaders get the
     * app-like parent instead of the test's class path.
     */
    private static final class AppLikePluginManager extends DefaultPluginManager {

        private final ClassLoader app;

        AppLikePluginManager(Path root, ClassLoader app) {
            super(root);
            this.app = app;
        }

        @Override
        protected ExtensionFactory createExtensionFactory() {
            return new SingletonExtensionFactory(this);
        }

        @Override
        protected PluginLoader createPluginLoader() {
            // the zip is unpacked into a folder, which DefaultPluginLoader loads (classes/ and lib/)
            return new CompoundPluginLoader().add(new DefaultPluginLoader(this) {
                @Override
                protected PluginClassLoader createPluginClassLoader(Path pluginPath, PluginDescriptor descriptor) {
                    return new PluginClassLoader(pluginManager, descriptor, app);
                }
            });
        }
    }

    /** Sees the JDK and {@link #APP_PACKAGES} (classes and their resources) of the test's class path, nothing else. */
    private static final class AppClassLoader extends ClassLoader {

        private final ClassLoader classPath;

        AppClassLoader(ClassLoader classPath) {
            super("parley-app", ClassLoader.getPlatformClassLoader());
            this.classPath = classPath;
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (visible(name)) {
                return classPath.loadClass(name);
            }
            return super.loadClass(name, resolve);
        }

        @Override
        public URL getResource(String name) {
            return visibleResource(name) ? classPath.getResource(name) : super.getResource(name);
        }

        @Override
        public Enumeration<URL> getResources(String name) throws IOException {
            return visibleResource(name) ? classPath.getResources(name) : super.getResources(name);
        }

        private static boolean visibleResource(String name) {
            String services = "META-INF/services/";
            return name.startsWith(services) ? visible(name.substring(services.length()))
                    : visible(name.replace('/', '.'));
        }

        private static boolean visible(String name) {
            return APP_PACKAGES.stream().anyMatch(name::startsWith);
        }
    }
}

package org.parley.provider;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.parley.plugin.PluginApi;
import org.pf4j.DefaultExtensionFactory;
import org.pf4j.DefaultPluginManager;
import org.pf4j.ExtensionFactory;
import org.pf4j.PluginManager;
import org.pf4j.PluginWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Starts PF4J on the plugins folder: plain PF4J, wired here once. Each archive is loaded and started on its
 * own, so one broken plugin is reported and the others (and the app) carry on.
 */
@Configuration
class PluginHostConfiguration {

    private static final Logger log = LoggerFactory.getLogger(PluginHostConfiguration.class);

    @Bean("pluginHost")
    PluginHost configuredPluginHost(PluginHostSettings settings) {
        return pluginHost(settings.dir());
    }

    /** The plugins of {@code pluginsDir}, loaded and started (each failure listed). */
    PluginHost pluginHost(String pluginsDir) {
        Path root = Path.of(pluginsDir).toAbsolutePath().normalize();
        DefaultPluginManager manager = new DefaultPluginManager(root) {
            @Override
            protected ExtensionFactory createExtensionFactory() {
                return new SingletonExtensions(this);
            }
        };
        manager.setSystemVersion(PluginApi.VERSION);
        // "Plugin-Requires: 1.0.0" means "1.0.0 or newer": later 1.x apps keep loading older plugins.
        manager.setExactVersionAllowed(false);
        List<PluginHost.LoadFailure> failures = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            log.warn("Plugins folder {} does not exist: no plugins are loaded", root);
            return new PluginHost(manager, root, failures);
        }
        try (Stream<Path> entries = Files.list(root)) {
            for (Path archive : entries.filter(p -> p.getFileName().toString().endsWith(".zip")
                    || p.getFileName().toString().endsWith(".jar")).sorted().toList()) {
                try {
                    String id = manager.loadPlugin(archive);
                    manager.startPlugin(id);
                    PluginWrapper plugin = manager.getPlugin(id);
                    log.info("Plugin '{}' {} is {}", id, plugin.getDescriptor().getVersion(), plugin.getPluginState());
                } catch (RuntimeException | LinkageError e) {
                    log.error("Plugin archive {} could not be loaded: {}", archive.getFileName(), e.toString());
                    failures.add(new PluginHost.LoadFailure(archive.getFileName().toString(), e.toString()));
                }
            }
        } catch (IOException e) {
            log.error("Plugins folder {} cannot be read: {}", root, e.toString());
        }
        return new PluginHost(manager, root, failures);
    }

    /**
     * One instance per extension class, as the plugin API promises ("one instance serves every line"). PF4J's
     * default factory makes a new instance at every {@code getExtensions} call, i.e. at every webhook, send and
     * admin page view: each new sandbox provider opened an HTTP client with a selector thread of its own.
     * PF4J's {@code SingletonExtensionFactory} caches in a plain {@code HashMap}, which concurrent webhooks
     * would share unsafely; this one is thread-safe. A plugin's instances are dropped when it stops.
     */
    static final class SingletonExtensions extends DefaultExtensionFactory {

        private final Map<Class<?>, Object> instances = new ConcurrentHashMap<>();

        SingletonExtensions(PluginManager manager) {
            manager.addPluginStateListener(event -> {
                if (!event.getPluginState().isStarted()) {
                    ClassLoader loader = event.getPlugin().getPluginClassLoader();
                    instances.keySet().removeIf(type -> type.getClassLoader() == loader);
                }
            });
        }

        @Override
        public <T> T create(Class<T> extensionClass) {
            Object instance = instances.get(extensionClass);
            if (instance == null) {
                // not computeIfAbsent: an extension's constructor may look up other extensions
                T created = super.create(extensionClass);
                instance = instances.putIfAbsent(extensionClass, created);
                if (instance == null) {
                    instance = created;
                }
            }
            return extensionClass.cast(instance);
        }
    }

    /** The plugin manager, with what failed to load. */
    record PluginHost(PluginManager manager, Path root, List<LoadFailure> failures) implements DisposableBean {

        record LoadFailure(String archive, String error) {
        }

        /**
         * Stops plugins one by one over a copy: PF4J 3.15.0's stopPlugins() can throw
         * ConcurrentModificationException.
         */
        @Override
        public void destroy() {
            for (PluginWrapper plugin : new ArrayList<>(manager.getStartedPlugins())) {
                try {
                    manager.stopPlugin(plugin.getPluginId());
                } catch (RuntimeException e) {
                    log.warn("Stopping plugin {} failed: {}", plugin.getPluginId(), e.toString());
                }
            }
            for (PluginWrapper plugin : new ArrayList<>(manager.getPlugins())) {
                try {
                    manager.unloadPlugin(plugin.getPluginId());
                } catch (RuntimeException e) {
                    log.warn("Unloading plugin {} failed: {}", plugin.getPluginId(), e.toString());
                }
            }
        }
    }
}

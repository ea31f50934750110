package org.parley.provider;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.parley.plugin.ChartExporter;
import org.parley.plugin.MessagingProvider;
import org.pf4j.PluginManager;
import org.pf4j.PluginState;
import org.pf4j.PluginWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/** The messaging providers and chart exporters the loaded plugins offer, and the state of every plugin. */
@Service
public class ProviderRegistry {

    private static final Logger log = LoggerFactory.getLogger(ProviderRegistry.class);

    private final PluginManager plugins;
    private final PluginHostConfiguration.PluginHost host;

    ProviderRegistry(PluginHostConfiguration.PluginHost host) {
        this.host = host;
        this.plugins = host.manager();
    }

    /** Every messaging provider of a started plugin. */
    public List<MessagingProvider> providers() {
        return extensions(MessagingProvider.class, p -> p.descriptor().id());
    }

    /** The provider with this id, if a started plugin offers it. */
    public Optional<MessagingProvider> provider(String id) {
        return providers().stream().filter(p -> p.descriptor().id().equals(id)).findFirst();
    }

    /** Every chart exporter of a started plugin. */
    public List<ChartExporter> exporters() {
        return extensions(ChartExporter.class, e -> e.descriptor().id());
    }

    /** The chart exporter whose descriptor has this id, if a started plugin offers it. */
    public Optional<ChartExporter> exporter(String id) {
        return exporters().stream().filter(e -> e.descriptor().id().equals(id)).findFirst();
    }

    /**
     * The extensions of one extension point, by id. One whose descriptor throws (or whose plugin was built
     * against classes the app no longer has) is left out and logged, so it cannot break the pages listing them.
     */
    private <T> List<T> extensions(Class<T> point, Function<T, String> id) {
        List<T> found = new ArrayList<>();
        for (T extension : plugins.getExtensions(point)) {
            try {
                id.apply(extension);
                found.add(extension);
            } catch (RuntimeException | LinkageError e) {
                log.warn("A {} of class {} is broken and ignored: {}", point.getSimpleName(),
                        extension.getClass().getName(), e.toString());
            }
        }
        found.sort(Comparator.comparing(id));
        return found;
    }

    /** Every plugin found in the plugins folder, loaded or not. */
    public List<PluginInfo> plugins() {
        List<PluginInfo> infos = new ArrayList<>();
        for (PluginWrapper plugin : plugins.getPlugins()) {
            List<String> points = new ArrayList<>();
            if (plugin.getPluginState() == PluginState.STARTED) {
                points.addAll(served(MessagingProvider.class, plugin.getPluginId(), p -> p.descriptor().id()));
                points.addAll(served(ChartExporter.class, plugin.getPluginId(), e -> e.descriptor().id()));
            }
            Throwable failure = plugin.getFailedException();
            infos.add(new PluginInfo(plugin.getPluginId(), plugin.getDescriptor().getVersion(),
                    plugin.getDescriptor().getProvider(), plugin.getDescriptor().getPluginDescription(),
                    plugin.getPluginState().toString(), List.copyOf(points),
                    failure == null ? null : failure.toString()));
        }
        for (PluginHostConfiguration.PluginHost.LoadFailure failure : host.failures()) {
            infos.add(new PluginInfo(failure.archive(), "", "", "", "FAILED", List.of(), failure.error()));
        }
        infos.sort(Comparator.comparing(PluginInfo::id));
        return infos;
    }

    /** "MessagingProvider: sandbox", "ChartExporter: fhir-export"... for the extensions a plugin serves. */
    private <T> List<String> served(Class<T> point, String pluginId, Function<T, String> id) {
        List<String> names = new ArrayList<>();
        for (T extension : plugins.getExtensions(point, pluginId)) {
            try {
                names.add(point.getSimpleName() + ": " + id.apply(extension));
            } catch (RuntimeException | LinkageError e) {
                names.add(point.getSimpleName() + ": broken (" + e.getClass().getSimpleName() + ")");
            }
        }
        return names;
    }
}

package org.parley.provider;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.parley.plugin.MessagingProvider;
import org.pf4j.PluginManager;
import org.pf4j.PluginState;
import org.pf4j.PluginWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/** The messaging providers the loaded plugins offer, and the state of every plugin. */
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
        List<MessagingProvider> found = new ArrayList<>();
        for (MessagingProvider provider : plugins.getExtensions(MessagingProvider.class)) {
            try {
                provider.descriptor();
                found.add(provider);
            } catch (RuntimeException | LinkageError e) {
                log.warn("A messaging provider of class {} is broken and ignored: {}",
                        provider.getClass().getName(), e.toString());
            }
        }
        found.sort(Comparator.comparing(p -> p.descriptor().id()));
        return found;
    }

    /** The provider with this id, if a started plugin offers it. */
    public Optional<MessagingProvider> provider(String id) {
        return providers().stream().filter(p -> p.descriptor().id().equals(id)).findFirst();
    }

    /** Every plugin found in the plugins folder, loaded or not. */
    public List<PluginInfo> plugins() {
        List<PluginInfo> infos = new ArrayList<>();
        for (PluginWrapper plugin : plugins.getPlugins()) {
            List<String> points = new ArrayList<>();
            if (plugin.getPluginState() == PluginState.STARTED) {
                for (MessagingProvider provider : plugins.getExtensions(MessagingProvider.class,
                        plugin.getPluginId())) {
                    points.add("MessagingProvider: " + provider.descriptor().id());
                }
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
}

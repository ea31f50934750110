package org.parley.provider;

import java.nio.file.Files;
import java.util.List;
import org.pf4j.PluginState;
import org.pf4j.PluginWrapper;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Readiness: the plugin host is up and its folder can be read. A broken archive or a missing folder does not take
 * Parley out of service (the other plugins and the inbox work; the plugins page and the log name the archive and
 * why); a folder that exists but cannot be read does, since no plugin could be installed or loaded. Health
 * {@code pluginHost}; details (management port only): the folder, the started plugins, the archives that failed.
 */
@Component
class PluginHostHealthIndicator implements HealthIndicator {

    private final PluginHostConfiguration.PluginHost host;

    PluginHostHealthIndicator(PluginHostConfiguration.PluginHost host) {
        this.host = host;
    }

    @Override
    public Health health() {
        List<String> started = host.manager().getPlugins().stream()
                .filter(plugin -> plugin.getPluginState() == PluginState.STARTED)
                .map(PluginWrapper::getPluginId).sorted().toList();
        List<String> failed = host.failures().stream()
                .map(failure -> failure.archive() + ": " + failure.error()).toList();
        boolean present = Files.isDirectory(host.root());
        Health.Builder health = present && !Files.isReadable(host.root()) ? Health.down() : Health.up();
        return health.withDetail("folder", host.root().toString())
                .withDetail("folderExists", present)
                .withDetail("started", started)
                .withDetail("failedArchives", failed)
                .build();
    }
}

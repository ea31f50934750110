package org.parley.provider;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.parley.audit.AuditLog;
import org.pf4j.PluginManager;
import org.pf4j.PluginState;
import org.pf4j.PluginWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/**
 * What admins do with plugins while Parley runs: install (or replace) an archive, enable, disable. Every
 * change is audited; a plugin that fails is reported and leaves the rest running.
 */
@Service
public class PluginAdministration {

    private static final Logger log = LoggerFactory.getLogger(PluginAdministration.class);

    private final PluginHostConfiguration.PluginHost host;
    private final AuditLog audit;
    private final long maxBytes;

    PluginAdministration(PluginHostConfiguration.PluginHost host, AuditLog audit,
                         @Value("${parley.plugins.max-upload-bytes:104857600}") long maxBytes) {
        this.host = host;
        this.audit = audit;
        this.maxBytes = maxBytes;
    }

    /**
     * Installs an uploaded plugin archive, replacing an installed plugin with the same id, and starts it.
     *
     * @return the plugin's id
     * @throws IllegalArgumentException saying why the archive was refused; nothing is left installed then
     */
    @PreAuthorize("hasRole('ADMIN')")
    public synchronized String install(String actor, String fileName, byte[] archive) {
        if (fileName == null || !fileName.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,120}\\.(zip|jar)")) {
            throw new IllegalArgumentException("A plugin archive is a .zip or .jar file with a plain name.");
        }
        if (archive.length > maxBytes) {
            throw new IllegalArgumentException("The archive is larger than " + maxBytes / (1024 * 1024) + " MB.");
        }
        String id = pluginId(archive, fileName.endsWith(".zip"));
        PluginManager manager = host.manager();
        if (manager.getPlugin(id) != null) {
            log.info("Replacing plugin '{}'", id);
            manager.deletePlugin(id);
        }
        Path target = host.root().resolve(fileName);
        try {
            Files.createDirectories(host.root());
            Files.write(target, archive);
        } catch (IOException e) {
            throw new IllegalArgumentException("The plugins folder cannot be written: " + e.getClass().getSimpleName());
        }
        try {
            manager.loadPlugin(target);
            PluginState state = manager.startPlugin(id);
            PluginWrapper plugin = manager.getPlugin(id);
            if (state != PluginState.STARTED) {
                String why = plugin.getFailedException() == null ? state.toString()
                        : plugin.getFailedException().toString();
                manager.deletePlugin(id);
                throw new IllegalArgumentException("Plugin '" + id + "' did not start: " + why);
            }
            audit.record(actor, "PLUGIN_INSTALLED", "plugin", id, "version " + plugin.getDescriptor().getVersion());
            return id;
        } catch (RuntimeException | LinkageError e) {
            if (manager.getPlugin(id) != null) {
                manager.deletePlugin(id);
            }
            try {
                Files.deleteIfExists(target);
            } catch (IOException ignored) {
                // the archive stays behind and fails again at the next start, where it is reported
            }
            throw e instanceof IllegalArgumentException iae ? iae
                    : new IllegalArgumentException("Plugin '" + id + "' could not be loaded: " + e);
        }
    }

    /** Starts or stops a plugin; PF4J remembers disabled plugins across restarts. */
    @PreAuthorize("hasRole('ADMIN')")
    public synchronized void setEnabled(String actor, String pluginId, boolean enabled) {
        PluginManager manager = host.manager();
        if (manager.getPlugin(pluginId) == null) {
            throw new IllegalArgumentException("There is no plugin '" + pluginId + "'.");
        }
        if (enabled) {
            manager.enablePlugin(pluginId);
            manager.startPlugin(pluginId);
        } else {
            manager.disablePlugin(pluginId);
        }
        audit.record(actor, enabled ? "PLUGIN_ENABLED" : "PLUGIN_DISABLED", "plugin", pluginId, null);
    }

    /** Reads the Plugin-Id from the archive's PF4J manifest without unpacking it. */
    private static String pluginId(byte[] archive, boolean zip) {
        String manifestPath = zip ? "classes/META-INF/MANIFEST.MF" : "META-INF/MANIFEST.MF";
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(archive))) {
            ZipEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                if (entry.getName().equals(manifestPath)) {
                    String id = new Manifest(in).getMainAttributes().getValue("Plugin-Id");
                    if (id == null || !id.matches("[a-z0-9]+(-[a-z0-9]+)*")) {
                        throw new IllegalArgumentException("The archive's manifest has no valid Plugin-Id.");
                    }
                    return id;
                }
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("The file is not a readable zip or jar archive.");
        }
        throw new IllegalArgumentException("The archive has no PF4J manifest (" + manifestPath + ").");
    }
}

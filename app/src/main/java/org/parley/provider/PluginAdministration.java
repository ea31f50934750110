package org.parley.provider;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.parley.audit.AuditAction;
import org.parley.audit.AuditLog;
import org.parley.security.StaffMember;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/**
 * What admins do with plugins while Parley runs: install (or replace) an archive, enable, disable. Every
 * change is audited; a plugin that fails is reported and leaves the rest running.
 */
@Service
public class PluginAdministration {

    private final PluginHostConfiguration.PluginHost host;
    private final SharedPlugins shared;
    private final AuditLog audit;
    private final long maxBytes;

    PluginAdministration(PluginHostConfiguration.PluginHost host, SharedPlugins shared, AuditLog audit,
                         PluginHostSettings settings) {
        this.host = host;
        this.shared = shared;
        this.audit = audit;
        this.maxBytes = settings.maxUploadBytes();
    }

    /** The largest plugin archive an admin may upload ({@code parley.plugins.max-upload-bytes}). */
    public long maxUploadBytes() {
        return maxBytes;
    }

    /**
     * Installs an uploaded plugin archive, replacing an installed plugin with the same id, and starts it: here first
     * (a broken archive is refused and stored nowhere), then on every node (the archive is kept in the database).
     *
     * @return the plugin's id
     * @throws IllegalArgumentException saying why the archive was refused; nothing is left installed then
     */
    @PreAuthorize("hasRole('ADMIN')")
    public String install(StaffMember actor, String fileName, byte[] archive) {
        if (fileName == null || !fileName.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,120}\\.(zip|jar)")) {
            throw new IllegalArgumentException("A plugin archive is a .zip or .jar file with a plain name.");
        }
        if (archive.length > maxBytes) {
            throw new IllegalArgumentException("The archive is larger than " + maxBytes / (1024 * 1024) + " MB.");
        }
        String id = pluginId(archive, fileName.endsWith(".zip"));
        String version = shared.install(id, fileName, archive);
        audit.record(actor.username(), AuditAction.PLUGIN_INSTALLED, "plugin", id, "version " + version);
        return id;
    }

    /**
     * Starts or stops a plugin on every node: stored in the database, applied here at once and on the other nodes
     * within {@code parley.plugins.sync-interval}; a node started later applies it at start.
     */
    @PreAuthorize("hasRole('ADMIN')")
    public void setEnabled(StaffMember actor, String pluginId, boolean enabled) {
        if (host.manager().getPlugin(pluginId) == null) {
            throw new IllegalArgumentException("There is no plugin '" + pluginId + "'.");
        }
        shared.setEnabled(pluginId, enabled);
        audit.record(actor.username(), enabled ? AuditAction.PLUGIN_ENABLED : AuditAction.PLUGIN_DISABLED, "plugin",
                pluginId, null);
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

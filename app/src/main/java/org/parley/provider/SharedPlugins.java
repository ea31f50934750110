package org.parley.provider;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.pf4j.PluginManager;
import org.pf4j.PluginState;
import org.pf4j.PluginWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Installed plugin archives and whether each plugin is enabled, the same on every node: the database holds them
 * ({@code shared_plugin}), each node applies them to its own PF4J at start (before it serves anyone) and when another
 * node changed them (it polls the rows' revisions every {@code parley.plugins.sync-interval}). An archive is written
 * into the node's plugins folder and loaded from there, so a node started without the database's archives catches up.
 *
 * <p>PF4J's plugin manager is not safe for concurrent changes, so one node's changes take turns (the monitor of this
 * object); which plugins are installed and enabled is decided by the rows, not by that lock.
 */
@Component
class SharedPlugins implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(SharedPlugins.class);

    /** One plugin as the database holds it. */
    record Row(String pluginId, String fileName, byte[] archive, boolean enabled, long revision) {
    }

    private final PluginHostConfiguration.PluginHost host;
    private final JdbcClient jdbc;
    private final Clock clock;
    /** The revision of each row this node has applied (a cache: a restart applies every row again). */
    private final Map<String, Long> applied = new ConcurrentHashMap<>();
    /** The SHA-256 of the archive this node loaded for each plugin from the database (or found at start). */
    private final Map<String, String> loadedArchives = new ConcurrentHashMap<>();

    SharedPlugins(PluginHostConfiguration.PluginHost host, JdbcClient jdbc, Clock clock) {
        this.host = host;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** At start, before the web server: the database's plugins and states over what the folder had. */
    @Override
    public void afterSingletonsInstantiated() {
        sync();
    }

    /** Applies what other nodes changed since the last look. */
    @Scheduled(fixedDelayString = "${parley.plugins.sync-interval:5s}",
            initialDelayString = "${parley.plugins.sync-interval:5s}")
    void sync() {
        List<Map.Entry<String, Long>> revisions = jdbc.sql("select plugin_id, revision from shared_plugin")
                .query((rs, n) -> Map.entry(rs.getString(1), rs.getLong(2))).list();
        for (Map.Entry<String, Long> revision : revisions) {
            if (!revision.getValue().equals(applied.get(revision.getKey()))) {
                find(revision.getKey()).ifPresent(this::apply);
            }
        }
    }

    /**
     * Installs an archive here (replacing a plugin with the same id) and starts it; once it runs, stores it for
     * every node, enabled.
     *
     * @return the plugin's version
     * @throws IllegalArgumentException saying why the archive was refused; nothing is left installed or stored then
     */
    synchronized String install(String id, String fileName, byte[] archive) {
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
        String version;
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
            version = plugin.getDescriptor().getVersion();
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
        loadedArchives.put(id, digest(archive));
        save(id, fileName, archive, true);
        return version;
    }

    /** Stores a plugin's enabled state for every node and applies it here. */
    synchronized void setEnabled(String pluginId, boolean enabled) {
        Row row = save(pluginId, null, null, enabled);
        apply(row);
    }

    /** The archive and file name stay as they are when {@code archive} is null. */
    private Row save(String pluginId, String fileName, byte[] archive, boolean enabled) {
        Timestamp now = Timestamp.from(clock.instant());
        for (int attempt = 1; ; attempt++) {
            int updated = archive == null
                    ? jdbc.sql("update shared_plugin set enabled = ?, revision = revision + 1, changed_at = ? "
                            + "where plugin_id = ?").params(enabled, now, pluginId).update()
                    : jdbc.sql("update shared_plugin set file_name = ?, archive = ?, enabled = ?, "
                            + "revision = revision + 1, changed_at = ? where plugin_id = ?")
                            .params(fileName, archive, enabled, now, pluginId).update();
            if (updated == 0) {
                try {
                    jdbc.sql("insert into shared_plugin (plugin_id, file_name, archive, enabled, revision, changed_at) "
                            + "values (?, ?, ?, ?, 1, ?)").params(pluginId, fileName, archive, enabled, now).update();
                } catch (DuplicateKeyException anotherNodeFirst) {
                    if (attempt < 3) {
                        continue; // another node stored it a moment ago: change that row
                    }
                    throw anotherNodeFirst;
                }
            }
            Row row = find(pluginId).orElseThrow();
            applied.put(pluginId, row.revision());
            return row;
        }
    }

    private Optional<Row> find(String pluginId) {
        return jdbc.sql("select plugin_id, file_name, archive, enabled, revision from shared_plugin where plugin_id = ?")
                .param(pluginId)
                .query((rs, n) -> new Row(rs.getString(1), rs.getString(2), rs.getBytes(3), rs.getBoolean(4),
                        rs.getLong(5)))
                .optional();
    }

    /** Brings this node's PF4J to the row: the archive loaded (when there is one), started or stopped. */
    private synchronized void apply(Row row) {
        PluginManager manager = host.manager();
        try {
            if (row.archive() != null && !holdsArchive(manager.getPlugin(row.pluginId()), row)) {
                load(manager, row);
            }
            PluginWrapper plugin = manager.getPlugin(row.pluginId());
            if (plugin == null) {
                log.warn("Plugin '{}' is enabled or disabled on other nodes but not installed here",
                        row.pluginId());
            } else if (row.enabled() && plugin.getPluginState() != PluginState.STARTED) {
                manager.enablePlugin(row.pluginId());
                PluginState state = manager.startPlugin(row.pluginId());
                log.info("Plugin '{}' enabled (as on every node): {}", row.pluginId(), state);
            } else if (!row.enabled() && plugin.getPluginState() != PluginState.DISABLED) {
                manager.disablePlugin(row.pluginId());
                log.info("Plugin '{}' disabled (as on every node)", row.pluginId());
            }
        } catch (RuntimeException | LinkageError e) {
            log.error("Plugin '{}' could not be brought to the state the other nodes have: {}", row.pluginId(),
                    e.toString());
        }
        // Applied, or tried and logged: the next change tries again, not every poll.
        applied.put(row.pluginId(), row.revision());
    }

    /** Whether this node runs exactly the row's archive: the one it loaded, or at start the file it loaded from. */
    private boolean holdsArchive(PluginWrapper plugin, Row row) {
        if (plugin == null) {
            return false;
        }
        String digest = digest(row.archive());
        String loaded = loadedArchives.get(row.pluginId());
        if (loaded == null && plugin.getPluginPath() != null && Files.isRegularFile(plugin.getPluginPath())) {
            try {
                loaded = digest(Files.readAllBytes(plugin.getPluginPath()));
                loadedArchives.put(row.pluginId(), loaded);
            } catch (IOException e) {
                return false;
            }
        }
        return digest.equals(loaded);
    }

    private void load(PluginManager manager, Row row) {
        Path target = host.root().resolve(row.fileName());
        PluginWrapper old = manager.getPlugin(row.pluginId());
        if (old != null) {
            // Unloaded, not deleted: in a folder the nodes share, the file may be the very one another node just
            // wrote. An older archive under another name goes, so the next start finds one archive per plugin.
            manager.unloadPlugin(row.pluginId());
            deleteUnless(old.getPluginPath(), target);
        }
        try {
            Files.createDirectories(host.root());
            // A folder the nodes share may have it already (written by the node that installed it): never rewrite
            // an archive another node has open.
            if (!Files.isRegularFile(target) || !Arrays.equals(Files.readAllBytes(target), row.archive())) {
                Files.write(target, row.archive());
            }
        } catch (IOException e) {
            throw new IllegalStateException("the plugins folder cannot be written: " + e.getClass().getSimpleName());
        }
        manager.loadPlugin(target);
        loadedArchives.put(row.pluginId(), digest(row.archive()));
        log.info("Plugin '{}' installed from the database (as on every node)", row.pluginId());
    }

    private static void deleteUnless(Path old, Path target) {
        if (old == null || old.toAbsolutePath().normalize().equals(target.toAbsolutePath().normalize())) {
            return;
        }
        try {
            Files.deleteIfExists(old);
        } catch (IOException e) {
            log.warn("The replaced plugin archive {} could not be deleted: {}", old.getFileName(),
                    e.getClass().getSimpleName());
        }
    }

    private static String digest(byte[] archive) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(archive));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this Java runtime", e);
        }
    }
}

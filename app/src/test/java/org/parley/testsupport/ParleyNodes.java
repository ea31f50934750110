package org.parley.testsupport;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.parley.ParleyApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Several Parley nodes on one real PostgreSQL (embedded binaries), each a whole application context with its own web
 * server on a random port, as a deployment behind a load balancer runs them. The nodes share what a real cluster
 * shares (the database, the key file, the plugins folder) and nothing in the JVM that Parley relies on: each context
 * has its own beans, node id, queues and caches.
 *
 * <p>Use one per test class ({@code @BeforeAll}/{@code @AfterAll}); {@link #close()} stops every node still running
 * and then the database.
 */
public final class ParleyNodes implements AutoCloseable {

    private final EmbeddedPostgres postgres;
    private final Path sharedDir;
    private final Map<String, String> common = new LinkedHashMap<>();
    private final List<ConfigurableApplicationContext> running = new ArrayList<>();

    /**
     * @param sharedDir a folder the nodes share (the key file lives there, as on a shared volume)
     * @param properties settings every node gets, e.g. {@code parley.plugins.dir}; a node's own come on top
     */
    public ParleyNodes(Path sharedDir, Map<String, String> properties) {
        try {
            this.postgres = EmbeddedPostgres.builder().start();
        } catch (IOException e) {
            throw new UncheckedIOException("embedded PostgreSQL did not start", e);
        }
        this.sharedDir = sharedDir;
        common.put("spring.datasource.url", postgres.getJdbcUrl("postgres", "postgres"));
        common.put("spring.datasource.username", "postgres");
        common.put("spring.datasource.password", "postgres");
        common.put("parley.encryption.key-file", sharedDir.resolve("parley.keys").toString());
        common.put("server.port", "0");
        common.put("management.server.port", "0");
        common.putAll(properties);
    }

    /** Starts a node; {@code properties} are this node's own settings on top of the common ones. */
    public ConfigurableApplicationContext start(String name, Map<String, String> properties) {
        Map<String, String> all = new LinkedHashMap<>(common);
        all.put("parley.data-dir", sharedDir.resolve(name).toString());
        all.putAll(properties);
        // As command-line arguments: they win over application.properties, as an operator's settings do.
        String[] args = all.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
        ConfigurableApplicationContext node = new SpringApplicationBuilder(ParleyApplication.class).run(args);
        running.add(node);
        return node;
    }

    /** The node's HTTP port. */
    public static int port(ConfigurableApplicationContext node) {
        return ((WebServerApplicationContext) node).getWebServer().getPort();
    }

    /** The JDBC URL of the shared database, for a test's own look at the rows. */
    public String jdbcUrl() {
        return postgres.getJdbcUrl("postgres", "postgres");
    }

    public EmbeddedPostgres database() {
        return postgres;
    }

    /** Stops a node the orderly way (its queues finish the work in hand). */
    public void stop(ConfigurableApplicationContext node) {
        running.remove(node);
        node.close();
    }

    @Override
    public void close() {
        try {
            for (ConfigurableApplicationContext node : List.copyOf(running)) {
                stop(node);
            }
        } finally {
            try {
                postgres.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}

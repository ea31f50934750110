package org.parley.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.base.NodeId;
import org.parley.testsupport.ParleyNodes;
import org.springframework.context.ConfigurableApplicationContext;

/** Two Parley nodes start side by side on one PostgreSQL: the second finds the schema migrated and both serve. */
class TwoNodesIT {

    @TempDir
    static Path shared;
    static ParleyNodes nodes;
    static ConfigurableApplicationContext a;
    static ConfigurableApplicationContext b;

    @BeforeAll
    static void startTwoNodes() {
        nodes = new ParleyNodes(shared, Map.of("parley.plugins.dir", System.getProperty("parley.test.plugins-dir")));
        a = nodes.start("a", Map.of());
        b = nodes.start("b", Map.of());
    }

    @AfterAll
    static void stop() {
        if (nodes != null) {
            nodes.close();
        }
    }

    @Test
    void bothNodesAreReadyOnOneDatabaseUnderTheirOwnNames() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        for (ConfigurableApplicationContext node : new ConfigurableApplicationContext[] {a, b}) {
            HttpResponse<String> ready = http.send(HttpRequest.newBuilder(URI.create(
                    "http://localhost:" + ParleyNodes.port(node) + "/actuator/health/readiness")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(ready.statusCode()).isEqualTo(200);
        }
        assertThat(a.getBean(NodeId.class).value()).isNotEqualTo(b.getBean(NodeId.class).value());
    }
}

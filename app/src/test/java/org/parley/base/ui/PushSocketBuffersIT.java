package org.parley.base.ui;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.ServletContext;
import jakarta.websocket.server.ServerContainer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * Every open tab's push websocket starts with small receive buffers (the push only sends; BrowserBenchmark measured
 * about 20 KB per staff session for the server's default sizes). Push itself is shown working by the browser tests.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:pushsocketbuffers;DB_CLOSE_DELAY=-1",
        "parley.plugins.dir=${parley.test.plugins-dir}"})
class PushSocketBuffersIT {

    @Autowired
    ServletContext servletContext;

    @Test
    void aPushWebsocketStartsWithOneKilobyteReceiveBuffers() {
        ServerContainer container = (ServerContainer) servletContext.getAttribute(ServerContainer.class.getName());
        assertThat(container.getDefaultMaxTextMessageBufferSize()).isEqualTo(PushSocketBuffers.RECEIVE_BUFFER);
        assertThat(container.getDefaultMaxBinaryMessageBufferSize()).isEqualTo(PushSocketBuffers.RECEIVE_BUFFER);
    }
}

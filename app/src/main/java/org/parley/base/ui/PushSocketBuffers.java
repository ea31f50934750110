package org.parley.base.ui;

import jakarta.servlet.ServletContext;
import jakarta.websocket.server.ServerContainer;
import org.springframework.stereotype.Component;
import org.springframework.web.context.ServletContextAware;

/**
 * Every open tab keeps one push websocket, and the server gives each websocket buffers for the messages it could
 * receive: 16 KB for text and 8 KB for binary by default, held as long as the tab is open. Parley's push only sends
 * on the websocket (the browser's requests go over XHR, {@link AppShell}), so those buffers stay empty; starting them
 * at 1 KB saves about 20 KB of heap per open tab. A message that does arrive still fits: the server grows the buffer
 * to Vaadin's push limit (16 KB) when a message starts.
 */
@Component
class PushSocketBuffers implements ServletContextAware {

    /** Initial size of a websocket's receive buffers (characters for text, bytes for binary). */
    static final int RECEIVE_BUFFER = 1024;

    @Override
    public void setServletContext(ServletContext servletContext) {
        // Absent when no websocket container runs (a test without a web server): nothing to size then.
        if (servletContext.getAttribute(ServerContainer.class.getName()) instanceof ServerContainer container) {
            container.setDefaultMaxTextMessageBufferSize(RECEIVE_BUFFER);
            container.setDefaultMaxBinaryMessageBufferSize(RECEIVE_BUFFER);
        }
    }
}

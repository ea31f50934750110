package org.parley.notify;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Every desktop pop-up Parley hands to open tabs, seen where {@code LiveUpdates} sees it: once the transaction that
 * published it has committed (a pop-up of a rolled-back transaction never shows). {@code @Import} its {@link Config}.
 */
public class PopUpsDelivered {

    private final List<DesktopNotification> delivered = new CopyOnWriteArrayList<>();

    @TransactionalEventListener(fallbackExecution = true)
    void on(DesktopNotification popUp) {
        delivered.add(popUp);
    }

    /** The pop-ups delivered so far about this conversation. */
    public List<DesktopNotification> about(long conversationId) {
        return delivered.stream().filter(p -> p.conversationId() == conversationId).toList();
    }

    /** The pop-ups delivered so far to this staff member's tabs. */
    public List<DesktopNotification> to(long staffId) {
        return delivered.stream().filter(p -> p.staffId() == staffId).toList();
    }

    @TestConfiguration
    public static class Config {
        @Bean
        PopUpsDelivered popUpsDelivered() {
            return new PopUpsDelivered();
        }
    }
}

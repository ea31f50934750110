package org.parley.base.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.shared.Registration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.parley.base.LiveUpdate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Pushes {@link LiveUpdate} events to the browsers that subscribed, after the change is committed. A view
 * subscribes when attached and removes the registration when detached.
 */
@Component
public class LiveUpdates {

    private record Subscription(UI ui, Class<?> type, Consumer<Object> handler) {
    }

    private final Set<Subscription> subscriptions = ConcurrentHashMap.newKeySet();

    /** Calls {@code handler} inside {@code ui}'s lock for every event of {@code type}. */
    @SuppressWarnings("unchecked")
    public <E extends LiveUpdate> Registration subscribe(UI ui, Class<E> type, Consumer<? super E> handler) {
        Subscription subscription = new Subscription(ui, type, event -> handler.accept((E) event));
        subscriptions.add(subscription);
        return () -> subscriptions.remove(subscription);
    }

    @TransactionalEventListener(fallbackExecution = true)
    void publish(LiveUpdate event) {
        for (Subscription subscription : subscriptions) {
            if (subscription.type().isInstance(event)) {
                subscription.ui().access(() -> subscription.handler().accept(event));
            }
        }
    }
}

package org.parley.base.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.UIDetachedException;
import com.vaadin.flow.shared.Registration;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.parley.base.LiveUpdate;
import org.parley.base.SharedReads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Pushes {@link LiveUpdate} events to the browsers that subscribed, after the change is committed. A view subscribes
 * when attached and removes the registration when detached.
 *
 * <p>Whoever publishes only hands the update over: a webhook's request thread never runs a screen's refresh. A
 * dispatcher thread collects what arrives within {@code parley.live-updates.window} (200 ms), merges updates of the
 * same key (ten texts in one conversation become one update) and gives each UI the batch in one
 * {@link UI#access}, on a virtual thread of its own: a slow or stuck screen delays nobody else, and a screen still busy
 * with its last batch gets the next one merged. A screen refreshes at most once per
 * {@code parley.live-updates.min-interval} (1 s) and at most {@code parley.live-updates.concurrency} screens refresh at
 * once, so open screens cost the database the same however fast texts arrive, and never take the connection pool
 * from intake and the queues.
 *
 * <p>{@link #dispatch} is the entry for updates: {@link LiveUpdateRelay} hands it every committed update, this node's
 * and, on PostgreSQL, every other node's. When updates may have been lost (the listening connection dropped), a
 * {@link Resync} goes to every screen that subscribed to it.
 */
@Component
public class LiveUpdates {

    private static final Logger log = LoggerFactory.getLogger(LiveUpdates.class);

    /**
     * Live updates may have been missed (this node's connection for other nodes' updates dropped and is back): a
     * screen that shows data other nodes change reloads it.
     */
    public record Resync() implements LiveUpdate {
    }

    private record Subscription(UI ui, Class<?> type, Consumer<Object> handler) {
    }

    private final Set<Subscription> subscriptions = ConcurrentHashMap.newKeySet();
    private final Map<UI, Mailbox> mailboxes = new ConcurrentHashMap<>();
    private final BlockingQueue<LiveUpdate> published;
    private final LiveUpdateSettings settings;
    private final Semaphore refreshing;
    private final ExecutorService deliveries = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("parley-live-update-", 0).factory());
    private final Thread dispatcher;
    private volatile long droppedSince;

    private final SharedReads sharedReads;

    public LiveUpdates(LiveUpdateSettings settings, SharedReads sharedReads) {
        this.settings = settings;
        this.sharedReads = sharedReads;
        this.published = new LinkedBlockingQueue<>(settings.maxPending());
        this.refreshing = new Semaphore(settings.concurrency());
        this.dispatcher = Thread.ofPlatform().name("parley-live-updates").daemon().start(this::dispatchLoop);
    }

    /** Calls {@code handler} inside {@code ui}'s lock for every event of {@code type}. */
    @SuppressWarnings("unchecked")
    public <E extends LiveUpdate> Registration subscribe(UI ui, Class<E> type, Consumer<? super E> handler) {
        Subscription subscription = new Subscription(ui, type, event -> handler.accept((E) event));
        subscriptions.add(subscription);
        return () -> {
            subscriptions.remove(subscription);
            if (subscriptions.stream().noneMatch(s -> s.ui() == ui)) {
                mailboxes.remove(ui);
            }
        };
    }

    /**
     * Hands an update to the dispatcher. Never blocks and never runs a screen's code in the caller's thread. Committed
     * updates arrive here through {@link LiveUpdateRelay} (from every node, on PostgreSQL).
     */
    public void dispatch(LiveUpdate update) {
        if (!published.offer(update)) {
            long now = System.nanoTime();
            if (now - droppedSince > TimeUnit.MINUTES.toNanos(1)) {
                droppedSince = now;
                log.warn("Live updates are {} behind; an update was dropped (screens catch up with the next one)",
                        settings.maxPending());
            }
        }
    }

    private void dispatchLoop() {
        long windowNanos = settings.window().toNanos();
        while (!Thread.currentThread().isInterrupted()) {
            try {
                LiveUpdate first = published.take();
                Map<Object, LiveUpdate> batch = new LinkedHashMap<>();
                batch.put(first.coalescingKey(), first);
                long until = System.nanoTime() + windowNanos;
                for (long left = windowNanos; left > 0; left = until - System.nanoTime()) {
                    LiveUpdate next = published.poll(left, TimeUnit.NANOSECONDS);
                    if (next == null) {
                        break;
                    }
                    batch.merge(next.coalescingKey(), next, LiveUpdate::coalesceWith);
                }
                // Before any screen refreshes for this batch: what they read from now on is shared by them all.
                sharedReads.nextBatch();
                deliver(batch.values());
            } catch (InterruptedException stopping) {
                return;
            } catch (RuntimeException unexpected) {
                log.error("Live updates could not be dispatched: {}", unexpected.getClass().getName());
            }
        }
    }

    private void deliver(Collection<LiveUpdate> batch) {
        Map<UI, List<LiveUpdate>> byUi = new LinkedHashMap<>();
        for (Subscription subscription : subscriptions) {
            for (LiveUpdate update : batch) {
                if (subscription.type().isInstance(update)) {
                    List<LiveUpdate> updates = byUi.computeIfAbsent(subscription.ui(), ui -> new ArrayList<>());
                    if (!updates.contains(update)) {
                        updates.add(update);
                    }
                }
            }
        }
        byUi.forEach((ui, updates) -> {
            Mailbox mailbox = mailboxes.computeIfAbsent(ui, Mailbox::new);
            if (mailbox.post(updates)) {
                deliveries.execute(() -> refresh(mailbox));
            }
        });
    }

    /** Gives one UI what its mailbox holds, in one access; what arrives meanwhile waits for the next turn. */
    private void refresh(Mailbox mailbox) {
        try {
            long wait = mailbox.lastStartedNanos + settings.minInterval().toNanos() - System.nanoTime();
            if (mailbox.lastStartedNanos != 0 && wait > 0) {
                Thread.sleep(Duration.ofNanos(wait));
            }
            refreshing.acquire();
        } catch (InterruptedException stopping) {
            return;
        }
        mailbox.lastStartedNanos = System.nanoTime();
        UI ui = mailbox.ui;
        try {
            List<LiveUpdate> updates = mailbox.take();
            ui.access(() -> {
                for (LiveUpdate update : updates) {
                    for (Subscription subscription : subscriptions) {
                        if (subscription.ui() == ui && subscription.type().isInstance(update)) {
                            subscription.handler().accept(update);
                        }
                    }
                }
            }).get(settings.accessTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (UIDetachedException gone) {
            subscriptions.removeIf(s -> s.ui() == ui);
            mailboxes.remove(ui);
        } catch (TimeoutException busy) {
            // The screen is held by a long request; the refresh runs when it is done, without holding others back.
            log.debug("A screen took longer than {} to take its live update", settings.accessTimeout());
        } catch (ExecutionException failed) {
            log.warn("A screen's live update failed: {}", failed.getCause().getClass().getName());
        } catch (InterruptedException stopping) {
            Thread.currentThread().interrupt();
        } finally {
            refreshing.release();
            if (mailbox.finish()) {
                deliveries.execute(() -> refresh(mailbox));
            }
        }
    }

    @PreDestroy
    void stop() {
        dispatcher.interrupt();
        deliveries.shutdownNow();
    }

    /** What waits for one UI, merged by key; at most one delivery per UI is under way. */
    private static final class Mailbox {

        private final UI ui;
        private final Map<Object, LiveUpdate> waiting = new LinkedHashMap<>();
        private boolean underWay;
        private volatile long lastStartedNanos;

        Mailbox(UI ui) {
            this.ui = ui;
        }

        /** Adds updates; {@code true} when the caller must start a delivery. */
        synchronized boolean post(List<LiveUpdate> updates) {
            updates.forEach(update -> waiting.merge(update.coalescingKey(), update, LiveUpdate::coalesceWith));
            if (underWay) {
                return false;
            }
            underWay = true;
            return true;
        }

        synchronized List<LiveUpdate> take() {
            List<LiveUpdate> updates = List.copyOf(waiting.values());
            waiting.clear();
            return updates;
        }

        /** Ends a delivery; {@code true} when more arrived meanwhile and another must start. */
        synchronized boolean finish() {
            underWay = !waiting.isEmpty();
            return underWay;
        }
    }
}

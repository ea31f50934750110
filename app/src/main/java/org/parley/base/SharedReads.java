package org.parley.base;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * Reads that the open screens of this node share while they refresh for one batch of live updates. Fifty staff with
 * the inbox open all redraw the same page of All open after a burst of texts: the rows, the patients' names and the
 * counts are read once, not fifty times.
 *
 * <p>Why a shared result is never older than what a screen must show: {@link #nextBatch()} runs before each batch is
 * delivered, and the batch only holds changes that were committed before it was formed. A result read since then
 * started after those commits, so it contains every change the screens are refreshing for. A change committed while
 * a result is being read comes with a later batch, which starts a new generation and so a fresh read. Only results
 * that are the same for every viewer may be shared, or, with the viewer in the key, the same for every screen of one
 * viewer; the key says what was read and with which arguments.
 *
 * <p>The results of one generation are held until the next batch replaces them: one batch's worth of pages, never a
 * growing cache.
 */
@Component
public class SharedReads {

    private volatile Map<Object, CompletableFuture<Object>> generation = new ConcurrentHashMap<>();

    /** Starts a new generation: what was read before is not shared from now on. */
    public void nextBatch() {
        generation = new ConcurrentHashMap<>();
    }

    /**
     * The result of {@code read} for {@code key} as read once since the current batch began: the first caller reads
     * it, callers that ask meanwhile wait for that read instead of starting their own. The result must be immutable.
     */
    @SuppressWarnings("unchecked")
    public <T> T read(Object key, Supplier<T> read) {
        Map<Object, CompletableFuture<Object>> results = generation;
        CompletableFuture<Object> mine = new CompletableFuture<>();
        CompletableFuture<Object> first = results.putIfAbsent(key, mine);
        if (first == null) {
            try {
                T value = read.get();
                mine.complete(value);
                return value;
            } catch (RuntimeException | Error failed) {
                results.remove(key, mine);
                mine.completeExceptionally(failed);
                throw failed;
            }
        }
        try {
            return (T) first.join();
        } catch (CompletionException failed) {
            // The first reader's read failed (its transaction, say): this caller reads for itself.
            return read.get();
        }
    }
}

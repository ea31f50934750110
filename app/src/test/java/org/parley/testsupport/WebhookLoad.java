package org.parley.testsupport;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Plays a provider under load: posts signed sandbox webhooks (or makes any other request) over real HTTP from
 * {@code connections} concurrent connections (each makes its next request when the last was answered, as wrk does),
 * and records each answer's status and time. A provider retries what Parley answers 503; with {@code retryBusy} so does this, after the Retry-After.
 */
public final class WebhookLoad {

    /** What one run came to. */
    public record Result(int webhooks, int connections, Duration elapsed, Map<Integer, Integer> statuses,
                         int busyAnswers, long[] latencyNanos, List<String> failures) {

        /** Answered webhooks per second (first answers and retries alike). */
        public double perSecond() {
            return latencyNanos.length / (elapsed.toNanos() / 1e9);
        }

        /** Requests answered 200 per second. */
        public double storedPerSecond() {
            return statuses.getOrDefault(200, 0) / (elapsed.toNanos() / 1e9);
        }

        /** The latency below which {@code percent} of the answers came, in milliseconds. */
        public double percentileMillis(double percent) {
            if (latencyNanos.length == 0) {
                return 0;
            }
            long[] sorted = latencyNanos.clone();
            Arrays.sort(sorted);
            int index = (int) Math.ceil(percent / 100.0 * sorted.length) - 1;
            return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
        }
    }

    private WebhookLoad() {
    }

    /**
     * Posts every webhook of {@code webhooks} once (and again while answered 503, when {@code retryBusy}).
     *
     * @param webhooks the form fields of each webhook, in the order they are taken by the connections
     */
    public static Result run(SandboxWebhooks client, String lineId, String secret, int connections,
                             List<Map<String, String>> webhooks, boolean retryBusy) {
        return run(connections, webhooks, fields -> client.post(lineId, SandboxWebhooks.SMS, secret, fields),
                retryBusy);
    }

    /** Makes {@code call} for every item from {@code connections} concurrent connections, each item once. */
    public static <T> Result run(int connections, List<T> items, Function<T, HttpResponse<?>> call,
                                 boolean retryBusy) {
        ConcurrentLinkedQueue<T> queue = new ConcurrentLinkedQueue<>(items);
        Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger busy = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(connections);
        long start = System.nanoTime();
        for (int i = 0; i < connections; i++) {
            Thread.ofVirtual().name("load-", i).start(() -> {
                try {
                    for (T next; (next = queue.poll()) != null; ) {
                        T item = next;
                        int status = post(() -> call.apply(item), latencies, failures);
                        while (status == 503 && retryBusy) {
                            busy.incrementAndGet();
                            pause(Duration.ofMillis(200));
                            status = post(() -> call.apply(item), latencies, failures);
                        }
                        if (status == 503) {
                            busy.incrementAndGet();
                        }
                        statuses.merge(status, 1, Integer::sum);
                    }
                } finally {
                    done.countDown();
                }
            });
        }
        try {
            done.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        return new Result(items.size(), connections, elapsed, new TreeMap<>(statuses), busy.get(),
                latencies.stream().mapToLong(Long::longValue).toArray(), List.copyOf(failures));
    }

    private static int post(Supplier<HttpResponse<?>> call, ConcurrentLinkedQueue<Long> latencies,
                            List<String> failures) {
        long started = System.nanoTime();
        try {
            HttpResponse<?> response = call.get();
            latencies.add(System.nanoTime() - started);
            if (response.statusCode() >= 300 && response.statusCode() != 503) {
                failures.add(response.statusCode() + " " + response.headers().firstValue("Location").orElse("")
                        + " " + response.body());
            }
            return response.statusCode();
        } catch (RuntimeException unanswered) {
            failures.add("no answer: " + unanswered.getClass().getSimpleName() + " " + unanswered.getMessage());
            return -1;
        }
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

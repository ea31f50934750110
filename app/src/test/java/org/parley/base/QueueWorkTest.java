package org.parley.base;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class QueueWorkTest {

    @Test
    void theBackOffDoublesFromTheFirstWaitAndStopsAtTheLongest() {
        RetryBackoff backoff = new RetryBackoff(Duration.ofSeconds(5), Duration.ofMinutes(1));

        assertThat(backoff.after(1)).isEqualTo(Duration.ofSeconds(5));
        assertThat(backoff.after(2)).isEqualTo(Duration.ofSeconds(10));
        assertThat(backoff.after(4)).isEqualTo(Duration.ofSeconds(40));
        assertThat(backoff.after(5)).isEqualTo(Duration.ofMinutes(1));
        assertThat(backoff.after(1000)).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void aRequestWhileTheWorkRunsIsServedByTheRunningThreadAndNeverByASecondOne() throws Exception {
        OneWorker worker = new OneWorker();
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger runs = new AtomicInteger();
        AtomicInteger concurrent = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        Runnable work = () -> {
            mostAtOnce.accumulateAndGet(concurrent.incrementAndGet(), Math::max);
            if (runs.incrementAndGet() == 1) {
                inside.countDown();
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            concurrent.decrementAndGet();
        };
        Thread first = new Thread(() -> worker.run(work));
        first.start();
        assertThat(inside.await(10, TimeUnit.SECONDS)).isTrue();

        worker.run(work);   // returns at once: the first thread is working
        assertThat(runs).hasValue(1);
        release.countDown();
        first.join(10_000);

        assertThat(runs).as("the running thread looked once more").hasValue(2);
        assertThat(mostAtOnce).hasValue(1);
    }
}

package org.parley.base;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

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

    @Test
    void aWakeHandsTheWorkToTheQueuesOwnThreadAndReturnsAtOnce() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch ran = new CountDownLatch(1);
        AtomicReference<String> workedOn = new AtomicReference<>();
        QueueThread queue = new QueueThread("test-queue", () -> {
            workedOn.set(Thread.currentThread().getName());
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ran.countDown();
        });
        try {
            queue.start();   // looks once for work left from before, and is now busy with it

            long before = System.nanoTime();
            queue.wake();
            queue.wake();

            assertThat(Duration.ofNanos(System.nanoTime() - before)).isLessThan(Duration.ofSeconds(1));
            release.countDown();
            assertThat(ran.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(workedOn.get()).isEqualTo("test-queue");
        } finally {
            queue.close();
        }
    }

    @Test
    void aStoppedQueueThreadIgnoresWakeUpsAndLooksAgainWhenStarted() throws Exception {
        Semaphore looked = new Semaphore(0);
        QueueThread queue = new QueueThread("test-queue", looked::release);
        try {
            queue.wake();
            assertThat(looked.tryAcquire(200, TimeUnit.MILLISECONDS)).as("not started yet").isFalse();
            queue.start();
            assertThat(looked.tryAcquire(10, TimeUnit.SECONDS)).as("a look at start").isTrue();

            queue.stop(Duration.ofSeconds(10));
            queue.wake();
            assertThat(looked.tryAcquire(200, TimeUnit.MILLISECONDS)).as("stopped").isFalse();

            queue.start();
            assertThat(looked.tryAcquire(10, TimeUnit.SECONDS)).isTrue();
        } finally {
            queue.close();
        }
    }

    @Test
    void aWakeAfterCommitComesWithTheCommitAndNotBefore() throws Exception {
        Semaphore looked = new Semaphore(0);
        QueueThread queue = new QueueThread("test-queue", looked::release);
        try {
            queue.start();
            assertThat(looked.tryAcquire(10, TimeUnit.SECONDS)).isTrue();
            TransactionSynchronizationManager.initSynchronization();
            try {
                queue.wakeAfterCommit();
                assertThat(looked.tryAcquire(200, TimeUnit.MILLISECONDS)).as("before the commit").isFalse();

                TransactionSynchronizationManager.getSynchronizations().forEach(TransactionSynchronization::afterCommit);

                assertThat(looked.tryAcquire(10, TimeUnit.SECONDS)).as("after the commit").isTrue();
            } finally {
                TransactionSynchronizationManager.clearSynchronization();
            }
        } finally {
            queue.close();
        }
    }
}

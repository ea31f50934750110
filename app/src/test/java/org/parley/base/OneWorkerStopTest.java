package org.parley.base;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A queue's worker when Parley stops: the item in hand is finished, nothing new is taken. */
class OneWorkerStopTest {

    @Test
    void stoppingWaitsForTheItemInHandThenTheLoopTakesNoNextItemAndNoNewRunStarts() throws Exception {
        OneWorker worker = new OneWorker();
        CountDownLatch inHand = new CountDownLatch(1);
        CountDownLatch finishItem = new CountDownLatch(1);
        AtomicInteger finished = new AtomicInteger();
        AtomicInteger taken = new AtomicInteger();
        // a queue of three items, worked like the outbound and chart export queues work theirs
        Runnable work = () -> {
            for (int item = 0; item < 3 && !worker.stopping(); item++) {
                taken.incrementAndGet();
                inHand.countDown();
                try {
                    finishItem.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                finished.incrementAndGet();
            }
        };
        Thread poll = new Thread(() -> worker.run(work));
        poll.start();
        assertThat(inHand.await(10, TimeUnit.SECONDS)).isTrue();

        Thread stopper = new Thread(() -> worker.stop(Duration.ofSeconds(10)));
        stopper.start();
        stopper.join(300);
        assertThat(stopper.isAlive()).as("stop waits while an item is in hand").isTrue();
        finishItem.countDown();
        stopper.join(10_000);
        poll.join(10_000);

        assertThat(finished).as("the item in hand was finished").hasValue(1);
        assertThat(taken).as("no next item was taken").hasValue(1);
        worker.run(work);
        assertThat(taken).as("a poll after the stop does nothing").hasValue(1);
    }

    @Test
    void stopGivesUpWaitingAfterItsTimeoutAndSaysSo() throws Exception {
        OneWorker worker = new OneWorker();
        CountDownLatch inHand = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread poll = new Thread(() -> worker.run(() -> {
            inHand.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        poll.start();
        assertThat(inHand.await(10, TimeUnit.SECONDS)).isTrue();

        assertThat(worker.stop(Duration.ofMillis(100))).isFalse();
        release.countDown();
        poll.join(10_000);
        assertThat(worker.stop(Duration.ofMillis(100))).isTrue();
    }
}

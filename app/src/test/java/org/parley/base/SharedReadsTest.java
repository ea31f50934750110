package org.parley.base;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SharedReadsTest {

    private final SharedReads shared = new SharedReads();
    private final AtomicInteger reads = new AtomicInteger();

    private String readPage() {
        return "page read #" + reads.incrementAndGet();
    }

    @Test
    void screensRefreshingForOneBatchReadThePageOnce() {
        shared.nextBatch();
        assertThat(shared.read("all open, page 1", this::readPage)).isEqualTo("page read #1");
        assertThat(shared.read("all open, page 1", this::readPage)).isEqualTo("page read #1");
        assertThat(reads).hasValue(1);
    }

    @Test
    void theNextBatchReadsAgainSoNoScreenShowsWhatWasReadBeforeItsChanges() {
        shared.read("all open, page 1", this::readPage);
        shared.nextBatch();
        assertThat(shared.read("all open, page 1", this::readPage)).isEqualTo("page read #2");
    }

    @Test
    void differentReadsAreNotMixedUp() {
        assertThat(shared.read("all open, page 1", () -> "first page")).isEqualTo("first page");
        assertThat(shared.read("all open, page 2", () -> "second page")).isEqualTo("second page");
    }

    @Test
    void screensAskingWhileTheFirstReadsWaitForItInsteadOfReadingToo() throws Exception {
        CountDownLatch reading = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService screens = Executors.newFixedThreadPool(5);
        try {
            Future<String> first = screens.submit(() -> shared.read("page", () -> {
                reading.countDown();
                await(release);
                return readPage();
            }));
            assertThat(reading.await(5, TimeUnit.SECONDS)).isTrue();
            List<Future<String>> others = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                others.add(screens.submit(() -> shared.read("page", this::readPage)));
            }
            Thread.sleep(50);
            release.countDown();
            assertThat(first.get(5, TimeUnit.SECONDS)).isEqualTo("page read #1");
            for (Future<String> other : others) {
                assertThat(other.get(5, TimeUnit.SECONDS)).isEqualTo("page read #1");
            }
            assertThat(reads).hasValue(1);
        } finally {
            screens.shutdownNow();
        }
    }

    @Test
    void aFailedReadIsNotSharedTheNextCallerReadsForItself() {
        assertThatThrownBy(() -> shared.read("page", () -> {
            throw new IllegalStateException("the database went away");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(shared.read("page", this::readPage)).isEqualTo("page read #1");
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

package org.parley.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The line's pace lives in the database: two senders (as on two nodes) reserving at once never take the same slot,
 * and together they keep the line's pace.
 */
class LinePaceTest {

    private JdbcClient jdbc;
    private TransactionTemplate tx;

    @BeforeEach
    void database() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:pace-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        jdbc = JdbcClient.create(h2);
        tx = new TransactionTemplate(new DataSourceTransactionManager(h2));
        jdbc.sql("create table line_pace (line_id varchar(40) not null primary key, "
                + "next_free_at timestamp(6) with time zone not null)").update();
    }

    private LinePace pace(Clock clock, double perSecond) {
        return new LinePace(jdbc, tx, clock, new OutboundSettings(Duration.ofSeconds(2), Duration.ofMinutes(2),
                Duration.ofSeconds(5), Duration.ofMinutes(10), 10, perSecond));
    }

    @Test
    void twoSendersReservingAtOnceTakeEverySlotOnceAndKeepTheLinesPace() throws Exception {
        Clock clock = Clock.systemUTC();
        LinePace nodeA = pace(clock, 20);
        LinePace nodeB = pace(clock, 20);
        CountDownLatch start = new CountDownLatch(1);
        List<Callable<List<Instant>>> senders = new ArrayList<>();
        for (LinePace node : List.of(nodeA, nodeB, nodeA, nodeB)) {
            senders.add(() -> {
                start.await();
                List<Instant> slots = new ArrayList<>();
                while (slots.size() < 15) {
                    LinePace.Reservation reservation = node.reserve("front-desk");
                    if (reservation.sendAt().isPresent()) {
                        slots.add(reservation.sendAt().get());
                        // as the sender does: wait for the slot before sending
                        Thread.sleep(Math.max(0, Duration.between(clock.instant(), reservation.sendAt().get())
                                .toMillis()));
                    } else {
                        Thread.sleep(10);
                    }
                }
                return slots;
            });
        }
        List<Instant> all = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(senders.size())) {
            List<Future<List<Instant>>> results = new ArrayList<>();
            for (Callable<List<Instant>> sender : senders) {
                results.add(pool.submit(sender));
            }
            start.countDown();
            for (Future<List<Instant>> result : results) {
                all.addAll(result.get());
            }
        }

        assertThat(all).hasSize(60).doesNotHaveDuplicates();
        List<Instant> sorted = all.stream().sorted().toList();
        for (int i = 1; i < sorted.size(); i++) {
            assertThat(Duration.between(sorted.get(i - 1), sorted.get(i)))
                    .as("slots %d and %d are one interval (50 ms) apart at least", i - 1, i)
                    .isGreaterThanOrEqualTo(Duration.ofMillis(50).minusNanos(1000));
        }
    }

    @Test
    void aSlotFurtherAheadThanTheLookaheadIsNotTakenAndSaysWhenTheLineIsFree() {
        Instant now = Instant.parse("2026-12-07T10:00:00Z");
        LinePace slow = pace(Clock.fixed(now, ZoneOffset.UTC), 1);

        List<Instant> taken = new ArrayList<>();
        LinePace.Reservation reservation;
        while ((reservation = slow.reserve("front-desk")).sendAt().isPresent()) {
            taken.add(reservation.sendAt().get());
        }

        assertThat(taken).containsExactly(now, now.plusSeconds(1), now.plusSeconds(2));
        assertThat(reservation.freeAt()).isEqualTo(now.plusSeconds(3));
        assertThat(slow.reserve("back-office").sendAt()).as("another line has its own pace").contains(now);
    }
}

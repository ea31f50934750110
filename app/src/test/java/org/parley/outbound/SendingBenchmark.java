package org.parley.outbound;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.conversation.Replies;
import org.parley.inbox.InboxService;
import org.parley.line.LineGateway;
import org.parley.security.StaffDirectory;
import org.parley.security.StaffMember;
import org.parley.simulator.SandboxCarrier;
import org.parley.testsupport.ParleyNodes;
import org.parley.testsupport.PerformanceDoc;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The sending benchmark (issue 16, part 5): staff replies through the durable outbound queue to the sandbox carrier
 * (the simulator's HTTP endpoint, as the sandbox plugin calls it), on one Parley node with the production defaults
 * on an embedded PostgreSQL. Measures how many replies a second reach the carrier at the line's pace
 * ({@code parley.outbound.messages-per-second-per-line}, default 1) and with the pace off (the setting's ceiling,
 * 1,000 a second), the time from a reply to its hand-over to the carrier (p50/p95: the reply's {@code created_at}
 * to the carrier's own record of it), and that every reply was handed over exactly once (the send meter counts
 * every hand-over, retries included; the carrier keeps one copy per message key). Writes the section
 * {@code ## Sending} of {@code docs/performance.md}. Runs only with {@code -Pbench} (and in CI's quick mode,
 * {@code -Dparley.bench.quick=true}: a few replies each); it measures, it does not judge.
 */
class SendingBenchmark {

    private static final boolean QUICK = Boolean.getBoolean("parley.bench.quick");
    /** Replies queued at once at the line's pace: at 1 a second, this many seconds. */
    private static final int PACED = Integer.getInteger("parley.bench.paced-replies", QUICK ? 5 : 30);
    /** Replies queued at once with the pace off. */
    private static final int UNPACED = Integer.getInteger("parley.bench.replies", QUICK ? 50 : 500);
    /** Replies sent one at a time (each after the last reached the carrier), with the pace off. */
    private static final int ONE_BY_ONE = Integer.getInteger("parley.bench.single-replies", QUICK ? 5 : 50);
    private static final String PATIENT = "+19292036601";

    @TempDir
    Path shared;

    /** One node's replies as the carrier saw them. */
    private record Measured(String what, int replies, double queuedPerSecond, double handedPerSecond,
                            double[] latencyMillis, long handOvers, long carrierCopies, long sent) {

        List<String> cells(String pace) {
            return List.of(pace, what, String.valueOf(replies), fmt("%.0f", queuedPerSecond),
                    fmt("%.1f", handedPerSecond), fmt("%.0f", PerformanceDoc.percentile(latencyMillis, 50)),
                    fmt("%.0f", PerformanceDoc.percentile(latencyMillis, 95)),
                    fmt("%.0f", PerformanceDoc.percentile(latencyMillis, 100)),
                    handOvers + " / " + carrierCopies + " / " + sent);
        }
    }

    @Test
    void sending() throws IOException {
        List<List<String>> rows = new ArrayList<>();
        // "1" is the default: not set, so the node runs exactly as a practice's does
        try (Node node = new Node(shared.resolve("paced"), Map.of())) {
            rows.add(node.burst(PACED).cells("1 a second (the default)"));
        }
        try (Node node = new Node(shared.resolve("unpaced"),
                Map.of("parley.outbound.messages-per-second-per-line", "1000"))) {
            rows.add(node.burst(UNPACED).cells("off (1,000 a second)"));
            rows.add(node.oneByOne(ONE_BY_ONE).cells("off (1,000 a second)"));
        }
        PerformanceDoc.writeSection("## Sending", PerformanceDoc.measuredOn()
                + (QUICK ? "; QUICK MODE (CI: only keeps the benchmark working, the figures mean nothing)" : "")
                + "; one Parley node, production defaults, on embedded PostgreSQL (zonky); staff replies "
                + "(`Replies.reply`) to one patient on the sandbox line, through the durable queue to the sandbox "
                + "carrier over HTTP (the simulator, in the same JVM). \"Queued per second\": the reply calls (each "
                + "stores the message and its queue row); \"handed per second\": replies over the time from the "
                + "first reply to the last one reaching the carrier. Reply to carrier: the reply's `created_at` to "
                + "the carrier's record of it (the same clock). A burst is every reply queued at once, so its later "
                + "replies wait for the earlier ones (at the pace: about their place in the queue in seconds); one "
                + "by one is each reply after the last reached the carrier: the queue's own delay. Exactly once: "
                + "hand-overs to the provider (the send meter, retries included) / the carrier's copies / replies "
                + "recorded as sent, each equal to the replies. Command: `./mvnw -Pbench verify "
                + "-Dit.test=SendingBenchmark`.\n\n"
                + PerformanceDoc.table(List.of("pace", "replies queued", "replies", "queued per second",
                        "handed to the carrier per second", "reply to carrier p50 ms", "p95 ms", "slowest ms",
                        "hand-overs / carrier copies / sent"), rows));
    }

    /** A Parley node on its own embedded PostgreSQL, a staff member and a patient's conversation on the sandbox line. */
    private static final class Node implements AutoCloseable {

        private final ParleyNodes nodes;
        private final ConfigurableApplicationContext app;
        private final JdbcClient db;
        private final StaffMember staff;
        private final long conversationId;
        private final Replies replies;
        private int sequence;

        Node(Path dir, Map<String, String> settings) {
            nodes = new ParleyNodes(dir, Map.of("parley.plugins.dir", System.getProperty("parley.test.plugins-dir"),
                    "logging.level.org.parley", "WARN"));
            app = nodes.start("bench", settings);
            db = app.getBean(JdbcClient.class);
            staff = app.getBean(StaffDirectory.class).createFirstAdmin("nurse", "Nina Nurse", "a long enough password");
            if (!app.getBean(SandboxCarrier.class).textPractice("sandbox", PATIENT, "Any news?", null, null, null)
                    .accepted()) {
                throw new IllegalStateException("the patient's text was not taken in");
            }
            conversationId = app.getBean(InboxService.class).openConversations(staff, 0, 10).get(0).id();
            replies = app.getBean(Replies.class);
        }

        /** {@code count} replies queued one after the other at once, then waited for until all reached the carrier. */
        Measured burst(int count) {
            long handOversBefore = handOvers();
            long start = System.nanoTime();
            List<Long> ids = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                ids.add(replies.reply(staff, conversationId, "Burst reply " + ++sequence).id());
            }
            double queuedPerSecond = count / ((System.nanoTime() - start) / 1e9);
            List<Instant[]> times = awaitCarrier(ids, Duration.ofSeconds(120 + count * 3L));
            return measured("a burst", ids, queuedPerSecond, times, handOversBefore);
        }

        /** {@code count} replies, each queued once the one before reached the carrier. */
        Measured oneByOne(int count) {
            long handOversBefore = handOvers();
            List<Long> ids = new ArrayList<>();
            List<Instant[]> times = new ArrayList<>();
            long queuing = 0;
            for (int i = 0; i < count; i++) {
                long start = System.nanoTime();
                long id = replies.reply(staff, conversationId, "Single reply " + ++sequence).id();
                queuing += System.nanoTime() - start;
                ids.add(id);
                times.addAll(awaitCarrier(List.of(id), Duration.ofSeconds(60)));
            }
            return measured("one by one", ids, count / (queuing / 1e9), times, handOversBefore);
        }

        private Measured measured(String what, List<Long> ids, double queuedPerSecond, List<Instant[]> times,
                                  long handOversBefore) {
            Instant firstReply = times.stream().map(t -> t[0]).min(Instant::compareTo).orElseThrow();
            Instant lastHanded = times.stream().map(t -> t[1]).max(Instant::compareTo).orElseThrow();
            double handedPerSecond = ids.size() / (Duration.between(firstReply, lastHanded).toNanos() / 1e9);
            double[] latency = times.stream().mapToDouble(t -> Duration.between(t[0], t[1]).toNanos() / 1e6)
                    .toArray();
            Set<Long> mine = new HashSet<>(ids);
            long copies = db.sql("select m.id from message m join sandbox_phone_message p "
                            + "on p.idempotency_key = m.message_key where m.conversation_id = ? and m.id >= ?")
                    .params(conversationId, ids.get(0)).query(Long.class).list().stream().filter(mine::contains)
                    .count();
            long sent = db.sql("select id from message where conversation_id = ? and id >= ? "
                            + "and status in ('SENT', 'DELIVERED')").params(conversationId, ids.get(0))
                    .query(Long.class).list().stream().filter(mine::contains).count();
            Measured result = new Measured(what, ids.size(), queuedPerSecond, handedPerSecond, latency,
                    handOvers() - handOversBefore, copies, sent);
            System.out.println("SendingBenchmark: " + result.cells(""));
            return result;
        }

        /**
         * Waits until every one of {@code ids} is at the carrier and recorded as sent; for each, when it was replied
         * and when the carrier took it.
         */
        private List<Instant[]> awaitCarrier(List<Long> ids, Duration atMost) {
            long deadline = System.nanoTime() + atMost.toNanos();
            Set<Long> mine = new HashSet<>(ids);
            long first = ids.stream().mapToLong(Long::longValue).min().orElseThrow();
            while (true) {
                List<Instant[]> times = db.sql("select m.id, m.created_at, p.created_at from message m "
                                + "join sandbox_phone_message p on p.idempotency_key = m.message_key "
                                + "where m.conversation_id = ? and m.id >= ? and m.status in ('SENT', 'DELIVERED')")
                        .params(conversationId, first)
                        .query((rs, n) -> mine.contains(rs.getLong(1)) ? new Instant[] {rs.getTimestamp(2).toInstant(),
                                rs.getTimestamp(3).toInstant()} : null)
                        .list().stream().filter(java.util.Objects::nonNull).toList();
                if (times.size() == ids.size()) {
                    return times;
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(times.size() + " of " + ids.size() + " replies reached the "
                            + "carrier within " + atMost);
                }
                try {
                    Thread.sleep(ids.size() == 1 ? 5 : 100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
        }

        /** Every hand-over of a message to a provider so far, whatever its outcome (retries count again). */
        private long handOvers() {
            return app.getBean(MeterRegistry.class).find(LineGateway.SEND_METER).timers().stream()
                    .mapToLong(Timer::count).sum();
        }

        @Override
        public void close() {
            nodes.close();
        }
    }

    private static String fmt(String format, double value) {
        return String.format(Locale.ROOT, format, value);
    }
}

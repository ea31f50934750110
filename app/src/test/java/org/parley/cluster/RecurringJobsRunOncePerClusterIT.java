package org.parley.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.base.RecurringJobs;
import org.parley.testsupport.ParleyNodes;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A recurring job runs once per period in the whole cluster, not once per node: with two nodes polling every 100 ms
 * for a job due every second, its runs never come closer than the period, and there are as many as the time allows
 * for one node, not two.
 */
class RecurringJobsRunOncePerClusterIT {

    private static final String SWEEP = "emergency-access-expiry";
    private static final Duration PERIOD = Duration.ofSeconds(1);

    @TempDir
    static Path shared;
    static ParleyNodes nodes;
    static ConfigurableApplicationContext a;
    static ConfigurableApplicationContext b;

    @BeforeAll
    static void startTwoNodes() {
        nodes = new ParleyNodes(shared, Map.of("parley.plugins.dir", System.getProperty("parley.test.plugins-dir"),
                "parley.security.emergency-sweep", PERIOD.toMillis() + "ms",
                "parley.jobs.poll-interval", "100ms",
                "parley.jobs.lease", "5s"));
        a = nodes.start("a", Map.of());
        b = nodes.start("b", Map.of());
    }

    @AfterAll
    static void stop() {
        if (nodes != null) {
            nodes.close();
        }
    }

    @Test
    void theEmergencyAccessSweepRunsOncePerPeriodWithBothNodesUp() throws InterruptedException {
        RecurringJobs onA = a.getBean(RecurringJobs.class);
        RecurringJobs onB = b.getBean(RecurringJobs.class);
        Instant from = Instant.now();

        Thread.sleep(Duration.ofSeconds(8));

        Instant until = Instant.now();
        List<Instant> runs = new ArrayList<>();
        runs.addAll(onA.runsHere(SWEEP));
        runs.addAll(onB.runsHere(SWEEP));
        List<Instant> inWindow = runs.stream().filter(run -> !run.isBefore(from) && !run.isAfter(until)).sorted()
                .toList();
        assertThat(inWindow).as("the sweep ran in the window").hasSizeGreaterThanOrEqualTo(4);
        long periods = Duration.between(from, until).toMillis() / PERIOD.toMillis();
        assertThat(inWindow).as("once per period, not once per node and period").hasSizeLessThanOrEqualTo(
                (int) periods + 1);
        for (int i = 1; i < inWindow.size(); i++) {
            assertThat(Duration.between(inWindow.get(i - 1), inWindow.get(i)))
                    .as("a run starts a period after the one before ended, on whichever node")
                    .isGreaterThanOrEqualTo(PERIOD.minusMillis(5));
        }
    }
}

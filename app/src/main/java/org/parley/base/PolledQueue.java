package org.parley.base;

import jakarta.annotation.PreDestroy;
import java.time.Duration;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/**
 * A queue worked by a {@link QueueThread} of its own: the thread starts and stops with the application (stopping
 * waits for the row in hand), and a poll every {@code pollInterval} wakes it for rows that became due or were left by
 * a node that stopped. The subclass says what one round of work is ({@link #workDue()}) and wakes {@link #thread}
 * after a commit that added work.
 */
public abstract class PolledQueue implements SmartLifecycle, SchedulingConfigurer {

    /** How long stopping waits for the row being worked on (an e-mail may wait for a slow mail server). */
    private static final Duration STOP_PATIENCE = Duration.ofSeconds(10);

    protected final QueueThread thread;
    private final Duration pollInterval;

    protected PolledQueue(String threadName, Duration pollInterval) {
        this.thread = new QueueThread(threadName, this::workDue);
        this.pollInterval = pollInterval;
    }

    /** Works every row that is due now, on the queue's thread. */
    protected abstract void workDue();

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        // The poll only wakes the thread: a slow round never holds up Spring's scheduler.
        registrar.addFixedDelayTask(thread::wake, pollInterval);
    }

    @Override
    public void start() {
        thread.start();
    }

    @Override
    public void stop() {
        thread.stop(STOP_PATIENCE);
    }

    @Override
    public boolean isRunning() {
        return thread.isRunning();
    }

    @PreDestroy
    void close() {
        thread.close();
    }
}

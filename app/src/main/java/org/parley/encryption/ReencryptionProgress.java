package org.parley.encryption;

import java.time.Instant;
import java.util.List;
import org.parley.base.LiveUpdate;

/**
 * Where the re-encryption job is: per column (and per backfill) how many rows it found to do, has done, and could not
 * read. Published after every batch, so an admin's open page follows it live.
 *
 * @param state      whether it runs
 * @param startedAt  when the last run started, or null if none ran since Parley started
 * @param finishedAt when the last run ended, or null while it runs
 * @param parts      the columns and backfills of the last run
 * @param problem    why the last run stopped early, or null
 */
public record ReencryptionProgress(State state, Instant startedAt, Instant finishedAt, List<Part> parts,
                                   String problem) implements LiveUpdate {

    public ReencryptionProgress {
        parts = List.copyOf(parts);
    }

    /** Whether the job runs. */
    public enum State {
        /** It did not run since Parley started. */
        IDLE,
        RUNNING,
        FINISHED,
        /** It stopped before it was done; {@link #problem()} says why. */
        STOPPED
    }

    /**
     * One column or backfill.
     *
     * @param name   {@code table.column}, or the backfill's name
     * @param total  rows found to do when the run started
     * @param done   rows done
     * @param failed rows that could not be read (left as they were)
     */
    public record Part(String name, long total, long done, long failed) {
    }

    static ReencryptionProgress idle() {
        return new ReencryptionProgress(State.IDLE, null, null, List.of(), null);
    }

    /** How far the run is, 0 to 1. */
    public double fraction() {
        long total = parts.stream().mapToLong(Part::total).sum();
        long handled = parts.stream().mapToLong(p -> p.done() + p.failed()).sum();
        return total == 0 ? (state == State.RUNNING ? 0 : 1) : Math.min(1, (double) handled / total);
    }

    /** Rows that could not be read in the last run. */
    public long failed() {
        return parts.stream().mapToLong(Part::failed).sum();
    }

    /** Rows done in the last run. */
    public long done() {
        return parts.stream().mapToLong(Part::done).sum();
    }
}

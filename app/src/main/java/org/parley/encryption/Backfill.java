package org.parley.encryption;

import java.util.List;

/**
 * Work the re-encryption job does besides re-encrypting columns: something derived from encrypted data that existing
 * rows need once, such as the message word index. A feature implements it as a Spring bean; the job walks the ids up
 * to the highest one at its first run (rows added later are handled when they are written), a batch per transaction,
 * and remembers where it got to, so it resumes after a restart and never runs twice over the same rows.
 */
public interface Backfill {

    /** A stable name, kept with the job's progress and shown to admins, e.g. {@code message words}. */
    String name();

    /** The highest id there is now; 0 when there are none. */
    long highestId();

    /** How many ids are in {@code (afterId, untilId]}. */
    long count(long afterId, long untilId);

    /** Up to {@code limit} ids in {@code (afterId, untilId]}, ascending. */
    List<Long> ids(long afterId, long untilId, int limit);

    /**
     * Does the work for one id, inside the job's transaction. Throwing leaves that id undone (counted as failed, the
     * job moves on) without spoiling the others.
     */
    void process(long id);
}

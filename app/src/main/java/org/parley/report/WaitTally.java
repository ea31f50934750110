package org.parley.report;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The waits of a report, told one message at a time in the order they were stored: a patient message begins a wait of
 * its conversation (on its line) unless one is running already; the conversation's next staff answer ends every wait
 * running in it. Linear in the messages: why it is done here and not in SQL, see {@link Reports} (first answers).
 *
 * <p>Messages stored at the same instant are held until the instant is over and then taken answers first: an answer
 * ends only the waits of patient messages stored strictly before it. For a staff member's report the waits are those
 * that member's answer ended (of two answers at one instant, either).
 */
final class WaitTally {

    private static final double HOUR = 3600;

    private final Map<String, OfficeClock> officeClocks;
    private final Long staffId;
    private final double now;
    /** The conversations waiting now and since when, per line. */
    private final Map<Long, Waiting> waiting = new HashMap<>();
    private final List<Told> sameInstant = new ArrayList<>();
    private double instant = Double.NaN;
    private double[] answered = new double[1024];
    private int answeredCount;
    private long unanswered;
    private long overAnHour;

    /**
     * @param officeClocks the lines with office hours (waits on other lines count all time)
     * @param staffId      the staff member whose answered waits count, {@code null} for every wait
     * @param now          epoch seconds: unanswered waits are timed until then
     */
    WaitTally(Map<String, OfficeClock> officeClocks, Long staffId, double now) {
        this.officeClocks = officeClocks;
        this.staffId = staffId;
        this.now = now;
    }

    /** A patient's text or voicemail of the range, at epoch seconds {@code at}. */
    void patientMessage(long conversation, String line, double at) {
        tell(new Told(conversation, line, null, at));
    }

    /** A staff member's answer (a text to the patient with an author) at epoch seconds {@code at}. */
    void staffAnswer(long conversation, long author, double at) {
        tell(new Told(conversation, null, author, at));
    }

    private void tell(Told told) {
        if (told.at() != instant) {
            endInstant();
            instant = told.at();
        }
        sameInstant.add(told);
    }

    private void endInstant() {
        if (sameInstant.isEmpty()) {
            return;
        }
        // answers first (the staff member's first), then the patient messages of the same instant
        sameInstant.sort(Comparator.comparingInt(this::order));
        for (Told told : sameInstant) {
            if (told.line() == null) {
                answer(told.conversation(), told.author(), told.at());
            } else if (!isWaiting(told.conversation(), told.line())) {
                waiting.put(told.conversation(), new Waiting(told.line(), told.at(), waiting.get(told.conversation())));
            }
        }
        sameInstant.clear();
    }

    private int order(Told told) {
        if (told.line() != null) {
            return 2;
        }
        return staffId == null || staffId.equals(told.author()) ? 0 : 1;
    }

    private boolean isWaiting(long conversation, String line) {
        for (Waiting w = waiting.get(conversation); w != null; w = w.next()) {
            if (w.line().equals(line)) {
                return true;
            }
        }
        return false;
    }

    private void answer(long conversation, long author, double at) {
        Waiting w = waiting.remove(conversation);
        boolean counts = staffId == null || staffId == author;
        for (; w != null && counts; w = w.next()) {
            double seconds = seconds(w, at);
            if (answeredCount == answered.length) {
                answered = Arrays.copyOf(answered, answeredCount * 2);
            }
            answered[answeredCount++] = seconds;
            if (seconds > HOUR) {
                overAnHour++;
            }
        }
    }

    /**
     * The conversations still waiting once every message told so far is taken into account: their next answer, if
     * any, came after the messages told.
     */
    Set<Long> waitingConversations() {
        endInstant();
        return Set.copyOf(waiting.keySet());
    }

    /**
     * The first answer after the messages told for a conversation still waiting; of two at one instant, tell the
     * staff member's (if any).
     */
    void laterAnswer(long conversation, long author, double at) {
        endInstant();
        answer(conversation, author, at);
    }

    /** The figures: waits still unanswered are timed until now (and are not a staff member's). */
    Report.FirstAnswers figures() {
        endInstant();
        if (staffId == null) {
            for (Waiting first : waiting.values()) {
                for (Waiting w = first; w != null; w = w.next()) {
                    unanswered++;
                    if (seconds(w, now) > HOUR) {
                        overAnHour++;
                    }
                }
            }
        }
        waiting.clear();
        double[] sorted = Arrays.copyOf(answered, answeredCount);
        Arrays.sort(sorted);
        return new Report.FirstAnswers(answeredCount + unanswered, answeredCount, nearestRank(sorted, 50),
                nearestRank(sorted, 90), overAnHour);
    }

    /** The k-th shortest, k = ceil(p * n) (integer arithmetic: 0.9 * 10 is not 9 in binary floating point). */
    private static Duration nearestRank(double[] sorted, int percent) {
        if (sorted.length == 0) {
            return null;
        }
        int k = (int) (((long) sorted.length * percent + 99) / 100);
        return Duration.ofSeconds(Math.round(sorted[k - 1]));
    }

    private double seconds(Waiting w, double until) {
        OfficeClock clock = officeClocks.get(w.line());
        return clock == null ? until - w.since() : clock.openSeconds(w.since(), until);
    }

    private record Waiting(String line, double since, Waiting next) {
    }

    /** A patient message ({@code line} set) or a staff answer ({@code author} set). */
    private record Told(long conversation, String line, Long author, double at) {
    }

    /**
     * A line's open time as a running total: the open seconds from the first span's opening to any moment, found by a
     * binary search over the spans (sorted, not overlapping: one per open day). The open time between two moments is
     * the difference of two totals, whatever the number of days between them.
     */
    static final class OfficeClock {

        private final long[] opens;
        private final long[] closes;
        private final long[] openBefore;

        /** Spans as pairs of epoch seconds (opens, closes), in order. */
        OfficeClock(List<long[]> spans) {
            opens = new long[spans.size()];
            closes = new long[spans.size()];
            openBefore = new long[spans.size()];
            long total = 0;
            for (int i = 0; i < spans.size(); i++) {
                opens[i] = spans.get(i)[0];
                closes[i] = Math.max(opens[i], spans.get(i)[1]);
                if (i > 0 && opens[i] < closes[i - 1]) {
                    throw new IllegalArgumentException("Open spans must be in order and must not overlap.");
                }
                openBefore[i] = total;
                total += closes[i] - opens[i];
            }
        }

        /** Open seconds from {@code from} to {@code to}; zero when {@code to} is not after {@code from}. */
        double openSeconds(double from, double to) {
            return to <= from ? 0 : openUntil(to) - openUntil(from);
        }

        private double openUntil(double at) {
            int low = 0;
            int high = opens.length - 1;
            int last = -1; // the last span opening at or before the moment
            while (low <= high) {
                int mid = (low + high) >>> 1;
                if (opens[mid] <= at) {
                    last = mid;
                    low = mid + 1;
                } else {
                    high = mid - 1;
                }
            }
            return last < 0 ? 0 : openBefore[last] + Math.min(at, closes[last]) - opens[last];
        }
    }
}

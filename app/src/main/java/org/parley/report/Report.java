package org.parley.report;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

/**
 * The figures of one report (definitions in docs/user-guide.md, section Reports).
 *
 * @param filter          what it covers
 * @param days            messages in and out on each day of the range, every day listed (zero days too)
 * @param firstAnswers    how fast patients got a first answer
 * @param backlog         open conversations waiting for an answer now, by how long they have waited
 * @param busyHours       patient messages per weekday and hour of the day
 * @param exports         chart exports asked for on each day, by where they are now
 */
public record Report(ReportFilter filter, List<DayCount> days, FirstAnswers firstAnswers, List<BacklogAge> backlog,
                     BusyHours busyHours, List<ExportDay> exports) {

    /** Patient messages in and messages to patients out on one day. */
    public record DayCount(LocalDate day, long in, long out) {
    }

    /**
     * Waits that began in the range: how many, how many were answered, the median and 90th percentile of the office
     * time to the first answer ({@code null} while none was answered), and how many waited over an hour.
     */
    public record FirstAnswers(long waits, long answered, Duration median, Duration p90, long overAnHour) {

        /** Share of waits over an hour, 0 to 1 (0 without waits). */
        public double shareOverAnHour() {
            return waits == 0 ? 0 : (double) overAnHour / waits;
        }
    }

    /** How many open conversations have waited this long for an answer. */
    public record BacklogAge(String age, long conversations) {
    }

    /** Patient messages per weekday (Monday first) and hour (0-23), in the practice's time zone. */
    public record BusyHours(long[][] counts) {

        public long at(DayOfWeek day, int hour) {
            return counts[day.getValue() - 1][hour];
        }

        public long max() {
            long max = 0;
            for (long[] day : counts) {
                for (long n : day) {
                    max = Math.max(max, n);
                }
            }
            return max;
        }
    }

    /** Chart exports asked for on one day: exported, failed (waiting for a person) and still on their way. */
    public record ExportDay(LocalDate day, long exported, long failed, long underWay) {
    }
}

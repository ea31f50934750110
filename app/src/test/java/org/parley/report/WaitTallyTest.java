package org.parley.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Issue 18: the waits told one message at a time, and a line's open time as a running total. */
class WaitTallyTest {

    private static final long ALMA = 1;
    private static final long BEN = 2;

    @Test
    void patientMessagesBeforeOneAnswerAreOneWaitTimedFromTheFirst() {
        WaitTally tally = new WaitTally(Map.of(), null, 10_000);
        tally.patientMessage(7, "sandbox", 100);
        tally.patientMessage(7, "sandbox", 160);
        tally.staffAnswer(7, ALMA, 400);

        assertThat(tally.figures()).isEqualTo(
                new Report.FirstAnswers(1, 1, Duration.ofSeconds(300), Duration.ofSeconds(300), 0));
    }

    @Test
    void anAnswerStoredAtTheSameInstantAsAPatientMessageDoesNotAnswerIt() {
        WaitTally tally = new WaitTally(Map.of(), null, 10_000);
        tally.patientMessage(7, "sandbox", 100);
        // stored in this order at one instant, the answer still ends only the wait begun before it
        tally.patientMessage(7, "sandbox", 200);
        tally.staffAnswer(7, ALMA, 200);
        tally.staffAnswer(7, ALMA, 260);

        Report.FirstAnswers figures = tally.figures();
        assertThat(figures.waits()).isEqualTo(2);
        assertThat(figures.median()).isEqualTo(Duration.ofSeconds(60));
        assertThat(figures.p90()).isEqualTo(Duration.ofSeconds(100));
    }

    @Test
    void otherConversationsAndAnswersWithoutAWaitChangeNothing() {
        WaitTally tally = new WaitTally(Map.of(), null, 10_000);
        tally.staffAnswer(7, ALMA, 50);
        tally.patientMessage(7, "sandbox", 100);
        tally.staffAnswer(8, ALMA, 150);
        tally.staffAnswer(7, BEN, 220);
        tally.staffAnswer(7, ALMA, 230);

        assertThat(tally.figures()).isEqualTo(
                new Report.FirstAnswers(1, 1, Duration.ofSeconds(120), Duration.ofSeconds(120), 0));
    }

    @Test
    void unansweredWaitsAreTimedUntilNowAndCountOverAnHour() {
        WaitTally tally = new WaitTally(Map.of(), null, 10_000);
        tally.patientMessage(7, "sandbox", 100);
        tally.patientMessage(8, "sandbox", 9_000);

        Report.FirstAnswers figures = tally.figures();
        assertThat(figures).isEqualTo(new Report.FirstAnswers(2, 0, null, null, 1));
        assertThat(figures.shareOverAnHour()).isEqualTo(0.5);
    }

    @Test
    void aStaffMembersWaitsAreThoseTheirAnswerEndedEvenAtTheSameInstantAsAnothers() {
        WaitTally tally = new WaitTally(Map.of(), BEN, 100_000);
        tally.patientMessage(7, "sandbox", 100);
        tally.staffAnswer(7, ALMA, 500);
        tally.patientMessage(8, "sandbox", 100);
        tally.staffAnswer(8, ALMA, 700);
        tally.staffAnswer(8, BEN, 700);
        tally.patientMessage(9, "sandbox", 200); // unanswered: nobody's

        assertThat(tally.figures()).isEqualTo(
                new Report.FirstAnswers(1, 1, Duration.ofSeconds(600), Duration.ofSeconds(600), 0));
    }

    @Test
    void aWaitStillRunningAtTheRangesEndIsEndedByItsLaterAnswer() {
        WaitTally tally = new WaitTally(Map.of(), null, 100_000);
        tally.patientMessage(7, "sandbox", 100);
        tally.patientMessage(8, "sandbox", 200);
        tally.staffAnswer(8, ALMA, 300);

        assertThat(tally.waitingConversations()).containsExactly(7L);
        tally.laterAnswer(7, BEN, 5_000);
        assertThat(tally.figures()).isEqualTo(
                new Report.FirstAnswers(2, 2, Duration.ofSeconds(100), Duration.ofSeconds(4_900), 1));
    }

    @Test
    void percentilesAreTheNearestRankCountedExactly() {
        WaitTally tally = new WaitTally(Map.of(), null, 100_000);
        for (int i = 1; i <= 10; i++) {
            tally.patientMessage(i, "sandbox", 0);
        }
        for (int i = 1; i <= 10; i++) {
            tally.staffAnswer(i, ALMA, i * 60);
        }

        // k = ceil(0.9 * 10) = 9 (in doubles 0.9 * 10 is a little over 9, which would give the 10th)
        Report.FirstAnswers figures = tally.figures();
        assertThat(figures.median()).isEqualTo(Duration.ofMinutes(5));
        assertThat(figures.p90()).isEqualTo(Duration.ofMinutes(9));
    }

    @Test
    void onALineWithOfficeHoursOnlyOpenTimeCounts() {
        // open 1000-2000 and 5000-6000 (say two days' hours); the line "clinic" has them, "sandbox" none
        WaitTally.OfficeClock clinic = new WaitTally.OfficeClock(List.of(new long[] {1000, 2000},
                new long[] {5000, 6000}));
        WaitTally tally = new WaitTally(Map.of("clinic", clinic), null, 100_000);
        tally.patientMessage(1, "clinic", 1500);
        tally.staffAnswer(1, ALMA, 5200); // 500 s the first day, 200 s the next
        tally.patientMessage(2, "sandbox", 1500);
        tally.staffAnswer(2, ALMA, 5200);

        Report.FirstAnswers figures = tally.figures();
        assertThat(figures.median()).isEqualTo(Duration.ofSeconds(700));
        assertThat(figures.p90()).isEqualTo(Duration.ofSeconds(3700));
        assertThat(figures.overAnHour()).isEqualTo(1);
    }

    @Test
    void theOfficeClockCountsOpenSecondsBetweenAnyTwoMoments() {
        WaitTally.OfficeClock clock = new WaitTally.OfficeClock(List.of(new long[] {1000, 2000},
                new long[] {5000, 6000}, new long[] {9000, 9500}));

        assertThat(clock.openSeconds(0, 999)).isZero();
        assertThat(clock.openSeconds(0, 1500)).isEqualTo(500);
        assertThat(clock.openSeconds(2500, 4000)).isZero();
        assertThat(clock.openSeconds(1999.5, 5000.25)).isEqualTo(0.75);
        assertThat(clock.openSeconds(0, 20_000)).isEqualTo(2500);
        assertThat(clock.openSeconds(5500, 5400)).isZero();
        assertThat(new WaitTally.OfficeClock(List.of(new long[] {0, 0})).openSeconds(0, 20_000)).isZero();
        assertThatThrownBy(() -> new WaitTally.OfficeClock(List.of(new long[] {1000, 2000}, new long[] {1500, 2500})))
                .hasMessage("Open spans must be in order and must not overlap.");
    }
}

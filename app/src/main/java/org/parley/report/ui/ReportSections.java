package org.parley.report.ui;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.parley.report.Report;

/** The sections of a report, in the page's order: each figure's chart and its rows. */
final class ReportSections {

    private ReportSections() {
    }

    static List<ReportSection> of(Report report) {
        List<ReportSection> sections = new ArrayList<>();
        sections.add(new ReportSection("messages", "Messages in and out per day", ReportCharts.messagesPerDay(report.days()),
                List.of("Day", "In", "Out"),
                report.days().stream().map(d -> List.of(d.day().toString(), n(d.in()), n(d.out()))).toList()));
        Report.FirstAnswers answers = report.firstAnswers();
        sections.add(new ReportSection("first-answers", "First answers (office time)", null,
                List.of("Waits", "Answered", "Median", "90th percentile", "Waited over an hour",
                        "Share over an hour"),
                List.of(List.of(n(answers.waits()), n(answers.answered()), time(answers.median()),
                        time(answers.p90()), n(answers.overAnHour()), percent(answers.shareOverAnHour())))));
        sections.add(new ReportSection("backlog", "Open backlog by age (now)", ReportCharts.backlog(report.backlog()),
                List.of("Waiting for", "Conversations"),
                report.backlog().stream().map(a -> List.of(a.age(), n(a.conversations()))).toList()));
        List<String> hourHeader = new ArrayList<>(List.of("Weekday"));
        for (int hour = 0; hour < 24; hour++) {
            hourHeader.add(String.format(Locale.ROOT, "%02d:00", hour));
        }
        List<List<String>> hourRows = new ArrayList<>();
        for (DayOfWeek day : DayOfWeek.values()) {
            List<String> row = new ArrayList<>(List.of(day.getDisplayName(TextStyle.FULL, Locale.ENGLISH)));
            for (int hour = 0; hour < 24; hour++) {
                row.add(n(report.busyHours().at(day, hour)));
            }
            hourRows.add(row);
        }
        sections.add(new ReportSection("busy-hours", "Busiest hours of the week (patient messages)",
                ReportCharts.busyHours(report.busyHours()), hourHeader, hourRows));
        sections.add(new ReportSection("exports", "Chart exports and their failures", ReportCharts.exports(report.exports()),
                List.of("Day asked for", "Exported", "Failed", "Under way"),
                report.exports().stream().map(d -> List.of(d.day().toString(), n(d.exported()), n(d.failed()),
                        n(d.underWay()))).toList()));
        return sections;
    }

    private static String n(long number) {
        return Long.toString(number);
    }

    /** "1 h 05 min", "12 min", "45 s"; "none" without answered waits. */
    static String time(Duration duration) {
        if (duration == null) {
            return "none";
        }
        long minutes = duration.toMinutes();
        if (minutes == 0) {
            return duration.toSeconds() + " s";
        }
        if (minutes < 60) {
            return minutes + " min";
        }
        return String.format(Locale.ROOT, "%d h %02d min", minutes / 60, minutes % 60);
    }

    static String percent(double share) {
        return String.format(Locale.ROOT, "%.1f %%", share * 100);
    }
}

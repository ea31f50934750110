package org.parley.testsupport;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Where the benchmarks write their figures: each owns one {@code ## } section of {@code docs/performance.md}
 * (or of {@code -Dparley.bench.output}), replaced whole on every run, the other sections left as they are. Also the
 * machine line every section starts with and the percentiles the tables show, so that every benchmark states the
 * same facts the same way.
 */
public final class PerformanceDoc {

    private PerformanceDoc() {
    }

    /** The file the benchmarks write: {@code -Dparley.bench.output}, else the repository's docs/performance.md. */
    public static Path file() {
        return Path.of(System.getProperty("parley.bench.output", "../docs/performance.md"));
    }

    /** Cores, system, Java, max heap and the load average when measured (neighbours on the host show there). */
    public static String machine() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        return Runtime.getRuntime().availableProcessors() + " cores, " + os.getName() + " " + os.getArch() + ", Java "
                + Runtime.version() + ", max heap " + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MiB, "
                + String.format(Locale.ROOT, "load average %.1f", os.getSystemLoadAverage());
    }

    /** "Measured 2026-12-07 on ..." : the opening of every section. */
    public static String measuredOn() {
        return "Measured " + ZonedDateTime.now().format(DateTimeFormatter.ISO_LOCAL_DATE) + " on " + machine();
    }

    /** The {@code p}-th percentile (0-100, nearest rank) of {@code values}, which need not be sorted. */
    public static double percentile(double[] values, double p) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    /** A Markdown table: the header cells, then the rows' cells. */
    public static String table(List<String> header, List<List<String>> rows) {
        StringBuilder table = new StringBuilder("| ").append(String.join(" | ", header)).append(" |\n|");
        table.append("---|".repeat(header.size())).append('\n');
        for (List<String> row : rows) {
            table.append("| ").append(String.join(" | ", row)).append(" |\n");
        }
        return table.toString();
    }

    /**
     * Replaces the section that starts with {@code heading} (a {@code ## } line) by {@code heading} and {@code body},
     * or appends it when the file has none; prints the section, so the command's output shows the table too. With
     * {@code -Dparley.bench.sections} (a folder; the bench profile sets one under target) the section is also kept
     * there, one file per section named by the time written, for the summary that prints every table of the run
     * at its end (app/pom.xml, profile bench).
     */
    public static void writeSection(String heading, String body) throws IOException {
        Path file = file();
        String section = heading + "\n\n" + body.stripTrailing() + "\n";
        String existing = Files.exists(file) ? Files.readString(file) : "# Performance\n\n";
        int at = existing.indexOf(heading + "\n");
        String updated;
        if (at < 0) {
            updated = existing.stripTrailing() + "\n\n" + section;
        } else {
            int next = existing.indexOf("\n## ", at + 1);
            updated = existing.substring(0, at) + section + (next < 0 ? "" : existing.substring(next));
        }
        Files.writeString(file, updated);
        String sections = System.getProperty("parley.bench.sections", "");
        if (!sections.isBlank()) {
            Path folder = Files.createDirectories(Path.of(sections));
            String name = heading.replaceFirst("^#+\\s*", "").replaceAll("[^A-Za-z0-9]+", "-").toLowerCase(Locale.ROOT);
            Files.writeString(folder.resolve(System.currentTimeMillis() + "-" + name + ".md"), "\n" + section);
        }
        System.out.println(section);
        System.out.println("Written to " + file.toAbsolutePath().normalize());
    }
}

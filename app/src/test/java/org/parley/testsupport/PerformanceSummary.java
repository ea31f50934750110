package org.parley.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The end of {@code ./mvnw -Pbench verify}: prints every section the benchmarks of this run wrote, together, in the
 * order they were written (each benchmark also printed its own as it finished, amid the test output). The bench
 * profile runs it after the benchmarks on the folder {@link PerformanceDoc#writeSection} kept them in
 * ({@code -Dparley.bench.sections}), which the profile empties before they run.
 */
public final class PerformanceSummary {

    private PerformanceSummary() {
    }

    /** {@code args[0]}: the folder of this run's sections; {@code args[1]}: the file they were written into. */
    public static void main(String[] args) throws IOException {
        Path folder = Path.of(args[0]);
        List<Path> sections = List.of();
        if (Files.isDirectory(folder)) {
            try (Stream<Path> files = Files.list(folder)) {
                sections = files.filter(f -> f.toString().endsWith(".md")).sorted().toList();
            }
        }
        String rule = "=".repeat(100);
        System.out.println(rule);
        if (sections.isEmpty()) {
            System.out.println("No benchmark wrote a section in this run (the test output above says why).");
        } else {
            System.out.println("Benchmark results of this run: " + sections.size() + " sections, written to "
                    + (args.length > 1 ? args[1] : "docs/performance.md"));
            for (Path section : sections) {
                System.out.print(Files.readString(section));
            }
        }
        System.out.println(rule);
    }
}

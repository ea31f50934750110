package org.parley.plugin.testkit;

import java.time.ZoneId;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import org.parley.plugin.ConfigProperty;
import org.parley.plugin.ExporterContext;
import org.parley.plugin.Settings;

/**
 * A configured exporter as the app hands it to a {@code ChartExporter}: its id, the practice's name and time zone,
 * and the admin's settings. Immutable: each {@code with...} answers a changed copy.
 */
public final class FakeExporter implements ExporterContext {

    private final String exporterId;
    private final String practiceName;
    private final ZoneId practiceTimeZone;
    private final FakeSettings settings;

    private FakeExporter(String exporterId, String practiceName, ZoneId practiceTimeZone, FakeSettings settings) {
        this.exporterId = Objects.requireNonNull(exporterId, "exporterId");
        this.practiceName = Objects.requireNonNull(practiceName, "practiceName");
        this.practiceTimeZone = practiceTimeZone;
        this.settings = settings;
    }

    /**
     * An exporter with no settings whose practice's time zone is the server's, as a host older than plugin API
     * 1.3.0 answers it.
     */
    public static FakeExporter of(String exporterId, String practiceName) {
        return new FakeExporter(exporterId, practiceName, null, FakeSettings.empty());
    }

    /** A copy with {@code name} set to {@code value}; {@code null} removes the setting. */
    public FakeExporter with(String name, String value) {
        return new FakeExporter(exporterId, practiceName, practiceTimeZone, settings.with(name, value));
    }

    /** A copy with these settings added (a {@code null} value removes one). */
    public FakeExporter withAll(Map<String, String> values) {
        FakeExporter exporter = this;
        for (Map.Entry<String, String> entry : values.entrySet()) {
            exporter = exporter.with(entry.getKey(), entry.getValue());
        }
        return exporter;
    }

    /** A copy whose unset settings answer the default of the descriptor's property of that name, as the app's do. */
    public FakeExporter withDefaultsOf(Collection<ConfigProperty> properties) {
        return new FakeExporter(exporterId, practiceName, practiceTimeZone, settings.withDefaultsOf(properties));
    }

    /** A copy in the practice's time zone {@code zone}. */
    public FakeExporter withPracticeTimeZone(ZoneId zone) {
        return new FakeExporter(exporterId, practiceName, zone, settings);
    }

    @Override
    public String exporterId() {
        return exporterId;
    }

    @Override
    public String practiceName() {
        return practiceName;
    }

    @Override
    public ZoneId practiceTimeZone() {
        return practiceTimeZone == null ? ExporterContext.super.practiceTimeZone() : practiceTimeZone;
    }

    @Override
    public Settings settings() {
        return settings;
    }
}

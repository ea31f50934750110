package org.parley.pdfexport;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.parley.plugin.ExporterContext;
import org.parley.plugin.Settings;

/** A configured PDF exporter as the app hands it to the plugin; the zone is fixed so times are predictable. */
class FakeExporter implements ExporterContext {

    static final String PRACTICE = "Riverside Family Medicine";

    private final Map<String, String> settings = new HashMap<>();

    FakeExporter() {
        settings.put(PdfSettings.TIME_ZONE, "America/New_York");
    }

    FakeExporter with(String name, String value) {
        if (value == null) {
            settings.remove(name);
        } else {
            settings.put(name, value);
        }
        return this;
    }

    @Override
    public String exporterId() {
        return "scanned-documents";
    }

    @Override
    public String practiceName() {
        return PRACTICE;
    }

    @Override
    public Settings settings() {
        return new Settings() {
            @Override
            public Optional<String> get(String name) {
                return Optional.ofNullable(settings.get(name));
            }

            @Override
            public Set<String> names() {
                return Set.copyOf(settings.keySet());
            }
        };
    }
}

package org.parley.hl7v2;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.parley.plugin.ExporterContext;
import org.parley.plugin.Settings;

/** A configured HL7 exporter as the app hands it to the plugin: settings fall back to the descriptor's defaults. */
class FakeExporter implements ExporterContext {

    static final String PRACTICE = "Riverside Family Practice";

    private final Map<String, String> settings = new HashMap<>();

    FakeExporter(String host, int port) {
        settings.put(InterfaceSettings.HOST, host);
        settings.put(InterfaceSettings.PORT, Integer.toString(port));
        settings.put(InterfaceSettings.RECEIVING_APPLICATION, "EHR");
        settings.put(InterfaceSettings.RECEIVING_FACILITY, "MAIN");
        settings.put(InterfaceSettings.ASSIGNING_AUTHORITY, "RFP");
        settings.put(InterfaceSettings.TIME_ZONE, "America/New_York");
        settings.put(InterfaceSettings.ACK_TIMEOUT_SECONDS, "1");
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
        return "ehr";
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
                if (settings.containsKey(name)) {
                    return Optional.of(settings.get(name));
                }
                return InterfaceSettings.properties().stream().filter(p -> p.name().equals(name))
                        .map(p -> p.defaultValue()).filter(v -> v != null).findFirst();
            }

            @Override
            public Set<String> names() {
                return Set.copyOf(settings.keySet());
            }
        };
    }
}

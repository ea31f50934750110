package org.parley.fhirexport;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.parley.plugin.ConfigProperty;
import org.parley.plugin.ExporterContext;
import org.parley.plugin.Settings;

/** A configured exporter as the app hands it over: settings with the descriptor's defaults, like the app's. */
final class FakeExporter implements ExporterContext {

    private final Map<String, String> values = new HashMap<>();

    /** Bearer-token settings for this EHR. */
    static FakeExporter bearer(String baseUrl) {
        return new FakeExporter()
                .with(ExporterSettings.BASE_URL, baseUrl)
                .with(ExporterSettings.MRN_SYSTEM, FakeEhr.MRN_SYSTEM)
                .with(ExporterSettings.AUTHENTICATION, "bearer")
                .with(ExporterSettings.BEARER_TOKEN, FakeEhr.STATIC_TOKEN)
                .with(ExporterSettings.TIME_ZONE, "America/New_York");
    }

    /** SMART Backend Services settings for this EHR and key. */
    static FakeExporter smart(FakeEhr ehr, TestKeys.KeyFile key) {
        return new FakeExporter()
                .with(ExporterSettings.BASE_URL, ehr.baseUrl())
                .with(ExporterSettings.MRN_SYSTEM, FakeEhr.MRN_SYSTEM)
                .with(ExporterSettings.AUTHENTICATION, "smart")
                .with(ExporterSettings.TOKEN_URL, ehr.tokenUrl())
                .with(ExporterSettings.CLIENT_ID, FakeEhr.CLIENT_ID)
                .with(ExporterSettings.PRIVATE_KEY_FILE, key.path().toString())
                .with(ExporterSettings.KEY_ID, key.keyId());
    }

    FakeExporter with(String name, String value) {
        if (value == null) {
            values.remove(name);
        } else {
            values.put(name, value);
        }
        return this;
    }

    @Override
    public String exporterId() {
        return "ehr";
    }

    @Override
    public String practiceName() {
        return "Riverside Family Practice";
    }

    @Override
    public Settings settings() {
        return new Settings() {
            @Override
            public Optional<String> get(String name) {
                String value = values.get(name);
                if (value != null) {
                    return Optional.of(value);
                }
                return ExporterSettings.PROPERTIES.stream().filter(p -> p.name().equals(name)).findFirst()
                        .map(ConfigProperty::defaultValue);
            }

            @Override
            public Set<String> names() {
                return Set.copyOf(values.keySet());
            }
        };
    }
}

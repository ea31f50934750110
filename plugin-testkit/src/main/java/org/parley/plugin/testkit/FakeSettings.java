package org.parley.plugin.testkit;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.parley.plugin.ConfigProperty;
import org.parley.plugin.Settings;

/**
 * An admin's settings as the app hands them to a plugin: the values set, else the default of the descriptor's
 * property of that name (when defaults are given), else empty.
 */
public final class FakeSettings implements Settings {

    private final Map<String, String> values;
    private final List<ConfigProperty> defaults;

    private FakeSettings(Map<String, String> values, List<ConfigProperty> defaults) {
        this.values = new LinkedHashMap<>(values);
        this.defaults = List.copyOf(defaults);
    }

    /** No settings and no defaults. */
    public static FakeSettings empty() {
        return new FakeSettings(Map.of(), List.of());
    }

    /** These values, no defaults. */
    public static FakeSettings of(Map<String, String> values) {
        return new FakeSettings(values, List.of());
    }

    /** A copy that answers a name without a value with the default of the property of that name. */
    public FakeSettings withDefaultsOf(Collection<ConfigProperty> properties) {
        return new FakeSettings(values, List.copyOf(properties));
    }

    /** A copy with {@code name} set to {@code value}; {@code null} removes it. */
    public FakeSettings with(String name, String value) {
        FakeSettings copy = new FakeSettings(values, defaults);
        if (value == null) {
            copy.values.remove(name);
        } else {
            copy.values.put(name, value);
        }
        return copy;
    }

    @Override
    public Optional<String> get(String name) {
        String value = values.get(name);
        if (value != null) {
            return Optional.of(value);
        }
        return defaults.stream().filter(p -> p.name().equals(name)).findFirst()
                .map(ConfigProperty::defaultValue);
    }

    @Override
    public Set<String> names() {
        return Set.copyOf(values.keySet());
    }
}

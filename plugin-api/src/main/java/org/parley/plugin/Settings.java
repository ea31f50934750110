package org.parley.plugin;

import java.util.Optional;
import java.util.Set;

/** The values an admin set for the properties a plugin's descriptor declares. Secrets come decrypted. */
public interface Settings {

    /** The value of a setting, or the property's default, or empty. */
    Optional<String> get(String name);

    /** The names of the settings that have a value. */
    Set<String> names();

    /**
     * The value of a setting that must be there.
     *
     * @throws IllegalStateException naming the missing setting (never its value)
     */
    default String require(String name) {
        return get(name).filter(v -> !v.isBlank())
                .orElseThrow(() -> new IllegalStateException("setting '" + name + "' is not configured"));
    }
}

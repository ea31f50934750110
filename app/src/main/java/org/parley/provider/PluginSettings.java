package org.parley.provider;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.parley.base.TypedText;
import org.parley.plugin.ConfigProperty;

/**
 * The settings an admin typed for a plugin (a line's provider, a chart exporter), checked against the
 * {@link ConfigProperty} list of the plugin's descriptor. One set of rules for every kind of plugin: a blank secret
 * keeps the stored one (the form never shows it again), a secret the plugin wants generated is generated, and a
 * required setting without a default must be there.
 */
public final class PluginSettings {

    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * The longest value a setting may have, in UTF-8 bytes: encrypted, it must fit the narrowest settings column
     * ({@code chart_exporter_setting}, 8,000 characters; see {@code EncryptedText} for the ciphertext's size).
     */
    static final int MAX_VALUE_BYTES = 4000;

    private PluginSettings() {
    }

    /**
     * The settings to store.
     *
     * @param properties what the plugin declares, or {@code null} when its plugin is not loaded (then the values are
     *                   kept as typed, blank ones dropped)
     * @param typed      what the admin typed, by property name
     * @param stored     what is stored now (secrets included), by property name
     * @throws IllegalArgumentException naming the setting by its label, never its value
     */
    public static Map<String, String> completed(List<ConfigProperty> properties, Map<String, String> typed,
                                                Map<String, String> stored) {
        Map<String, String> settings = new HashMap<>();
        typed.forEach((name, value) -> {
            if (value != null && !value.isBlank()) {
                ConfigProperty property = properties == null ? null
                        : properties.stream().filter(p -> p.name().equals(name)).findFirst().orElse(null);
                checkTyped(property, name, value.strip());
                settings.put(name, value.strip());
            }
        });
        if (properties == null) {
            return settings;
        }
        for (ConfigProperty property : properties) {
            String value = settings.get(property.name());
            if (value != null) {
                checkType(property, value);
                continue;
            }
            if (property.type() == ConfigProperty.Type.SECRET && stored.containsKey(property.name())) {
                settings.put(property.name(), stored.get(property.name()));
            } else if (property.generatedIfBlank()) {
                settings.put(property.name(), randomSecret());
            } else if (property.required() && property.defaultValue() == null) {
                throw new IllegalArgumentException("The setting '" + property.label() + "' is required.");
            }
        }
        return settings;
    }

    /** The secrets a plugin generates that {@code stored} still lacks, filled in; {@code stored} itself otherwise. */
    public static Map<String, String> withGeneratedSecrets(List<ConfigProperty> properties,
                                                           Map<String, String> stored) {
        Map<String, String> settings = new HashMap<>(stored);
        properties.stream().filter(p -> p.generatedIfBlank() && !settings.containsKey(p.name()))
                .forEach(p -> settings.put(p.name(), randomSecret()));
        return settings;
    }

    /** The value of a setting, or the property's default, or {@code null}. */
    public static String valueOrDefault(List<ConfigProperty> properties, Map<String, String> stored, String name) {
        String value = stored.get(name);
        if (value != null) {
            return value;
        }
        return properties.stream().filter(p -> p.name().equals(name)).map(ConfigProperty::defaultValue)
                .filter(Objects::nonNull).findFirst().orElse(null);
    }

    /** 32 random bytes, Base64url without padding. */
    public static String randomSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /**
     * What an admin may type into any setting, whatever its type: a length that fits the column once encrypted, no
     * control characters and no hidden direction marks (a pasted NUL or escape in a host name or token fails far from
     * the form, at the provider or EHR). Secrets may have line breaks (a PEM private key declared in configuration).
     * Messages name the setting by its label, never its value.
     */
    private static void checkTyped(ConfigProperty property, String name, String value) {
        String what = "setting '" + (property == null ? name : property.label()) + "'";
        if (value.getBytes(StandardCharsets.UTF_8).length > MAX_VALUE_BYTES) {
            throw new IllegalArgumentException("The " + what + " is too long: at most " + MAX_VALUE_BYTES
                    + " characters (fewer in non-Latin scripts).");
        }
        if (property != null && property.type() == ConfigProperty.Type.SECRET) {
            TypedText.requireText(value, what);
        } else {
            TypedText.requireLine(value, what);
        }
    }

    private static void checkType(ConfigProperty property, String value) {
        switch (property.type()) {
            case URL -> {
                try {
                    URI uri = new URI(value);
                    if (!uri.isAbsolute() || uri.getScheme() == null || !uri.getScheme().matches("(?i)https?")
                            || uri.getHost() == null) {
                        throw new URISyntaxException(value, "not an absolute http(s) URL");
                    }
                } catch (URISyntaxException e) {
                    throw new IllegalArgumentException("The setting '" + property.label()
                            + "' must be an absolute http(s) URL, e.g. https://ehr.example.org/fhir.");
                }
            }
            case NUMBER -> {
                if (!value.matches("-?[0-9]{1,18}")) {
                    throw new IllegalArgumentException("The setting '" + property.label() + "' must be a whole number.");
                }
            }
            case BOOLEAN -> {
                if (!value.equals("true") && !value.equals("false")) {
                    throw new IllegalArgumentException("The setting '" + property.label() + "' must be true or false.");
                }
            }
            case TEXT, SECRET -> {
                // free text
            }
        }
    }
}

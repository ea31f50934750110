package org.parley.line;

import java.util.Map;

/**
 * A line as other features see it.
 *
 * @param id         the line's id, used in its webhook URLs
 * @param name       what staff call it, e.g. "Main office"
 * @param number     its phone number, E.164
 * @param providerId the id of the provider plugin that serves it
 * @param settings   the provider settings, secrets included: never show or log them
 */
public record LineSnapshot(String id, String name, String number, String providerId, Map<String, String> settings) {

    @Override
    public String toString() {
        return "Line[" + id + ", provider " + providerId + "]";
    }
}

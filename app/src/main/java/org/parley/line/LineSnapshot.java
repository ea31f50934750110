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
 * @param keywordReplies who confirms STOP, START and HELP to the patient
 * @param helpText   the answer to HELP, or {@code null} for Parley's default
 */
public record LineSnapshot(String id, String name, String number, String providerId, Map<String, String> settings,
                           KeywordReplies keywordReplies, String helpText) {

    /** Fills in the defaults. */
    public LineSnapshot {
        settings = settings == null ? Map.of() : Map.copyOf(settings);
        keywordReplies = keywordReplies == null ? KeywordReplies.PARLEY : keywordReplies;
        helpText = helpText == null || helpText.isBlank() ? null : helpText.strip();
    }

    /** A line with Parley answering keywords and the default help text. */
    public LineSnapshot(String id, String name, String number, String providerId, Map<String, String> settings) {
        this(id, name, number, providerId, settings, KeywordReplies.PARLEY, null);
    }

    @Override
    public String toString() {
        return "Line[" + id + ", provider " + providerId + "]";
    }
}

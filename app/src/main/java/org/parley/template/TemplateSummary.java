package org.parley.template;

/**
 * A template as the picker and the admin page show it.
 *
 * @param id   the template's id
 * @param name what staff search for, e.g. "Reply to a voicemail"
 * @param body the text with its placeholders, e.g. {@code Hi {patient.firstName}, ...}
 */
public record TemplateSummary(long id, String name, String body) {
}

package org.parley.template;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reading and filling the placeholders of a template's body. */
final class TemplateText {

    /**
     * Anything in braces counts as a placeholder, also with spaces or a typo in it, so that a misspelt one is
     * refused when the admin saves rather than reaching a patient as "{patient.fristName}".
     */
    private static final Pattern BRACES = Pattern.compile("\\{[^{}\\n]{1,60}}");

    private TemplateText() {
    }

    /** The placeholders in {@code body} that Parley does not know, each once, in order of appearance. */
    static List<String> unknownPlaceholders(String body) {
        List<String> unknown = new ArrayList<>();
        Matcher matcher = BRACES.matcher(body == null ? "" : body);
        while (matcher.find()) {
            String token = matcher.group();
            if (known(token).isEmpty() && !unknown.contains(token)) {
                unknown.add(token);
            }
        }
        return unknown;
    }

    /**
     * The body with each known placeholder replaced by its value; a value that is unknown (null or blank) becomes
     * the placeholder's visible mark, e.g. {@code [patient first name]}.
     */
    static String fill(String body, Map<Placeholder, String> values) {
        Matcher matcher = BRACES.matcher(body == null ? "" : body);
        StringBuilder filled = new StringBuilder();
        while (matcher.find()) {
            String replacement = known(matcher.group()).map(placeholder -> {
                String value = values.get(placeholder);
                return value == null || value.isBlank() ? placeholder.whenUnknown() : value.strip();
            }).orElse(matcher.group());
            matcher.appendReplacement(filled, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(filled);
        return filled.toString();
    }

    private static Optional<Placeholder> known(String token) {
        return Arrays.stream(Placeholder.values()).filter(p -> p.token().equals(token)).findFirst();
    }
}

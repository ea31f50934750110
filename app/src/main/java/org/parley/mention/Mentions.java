package org.parley.mention;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Finds the {@code @username} mentions in a note. */
public final class Mentions {

    // A user name has 3–100 letters, digits, dots, dashes or underscores; a trailing dot ends a sentence.
    private static final Pattern MENTION = Pattern.compile("(?<![\\w@.])@([a-zA-Z0-9._-]{3,100})");

    private Mentions() {
    }

    public static Set<String> usernamesIn(String text) {
        Set<String> names = new LinkedHashSet<>();
        Matcher matcher = MENTION.matcher(text);
        while (matcher.find()) {
            String name = matcher.group(1);
            while (name.endsWith(".") || name.endsWith("-")) {
                name = name.substring(0, name.length() - 1);
            }
            names.add(name.toLowerCase(Locale.ROOT));
        }
        return names;
    }
}

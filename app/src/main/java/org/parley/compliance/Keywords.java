package org.parley.compliance;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Classifies a patient's text. Only a text that is exactly a keyword (trimmed, any case) changes consent, as
 * carriers require; anything else that asks to stop is only flagged for staff.
 */
public final class Keywords {

    static final Set<String> OPT_OUT = Set.of("STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "REVOKE",
            "OPTOUT");
    static final Set<String> OPT_IN = Set.of("START", "YES", "UNSTOP");
    static final Set<String> HELP = Set.of("HELP", "INFO");

    private static final Pattern WISH_TO_STOP = Pattern.compile(
            "\\b(stop|quit|cease)\\s+(texting|messaging|sending|contacting)"
                    + "|\\b(don'?t|do not|dont|never)\\s+(text|message|contact|send)"
                    + "|\\bno more (texts|messages)"
                    + "|\\bunsubscribe\\b|\\bopt[ -]?out\\b"
                    + "|\\b(remove|take) me (off|from)"
                    + "|^\\s*stop\\b",
            Pattern.CASE_INSENSITIVE);

    private Keywords() {
    }

    /** What {@code text} means for consent. */
    public static Keyword classify(String text) {
        if (text == null) {
            return Keyword.NONE;
        }
        String word = text.strip().toUpperCase(Locale.ROOT);
        if (OPT_OUT.contains(word)) {
            return Keyword.OPT_OUT;
        }
        if (OPT_IN.contains(word)) {
            return Keyword.OPT_IN;
        }
        if (HELP.contains(word)) {
            return Keyword.HELP;
        }
        return WISH_TO_STOP.matcher(text).find() ? Keyword.POSSIBLE_OPT_OUT : Keyword.NONE;
    }
}

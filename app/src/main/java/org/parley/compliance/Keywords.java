package org.parley.compliance;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Classifies a patient's text. A text that is a keyword changes consent: any case, with spaces, hyphens and punctuation
 * around or inside it ignored, so "Stop.", "opt out" and "Opt-Out!" opt out as "STOP" does (the FCC's 2024 TCPA order:
 * stop, quit, end, revoke, opt out, cancel or unsubscribe revoke consent by "any reasonable means"). Longer texts that
 * ask to stop are only flagged for staff, who read them.
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
        // "Opt-out!" -> "OPTOUT": letters only; a text of more than two words is never a keyword.
        String stripped = text.strip();
        if (stripped.split("[\\s\\-_]+").length > 2) {
            return WISH_TO_STOP.matcher(text).find() ? Keyword.POSSIBLE_OPT_OUT : Keyword.NONE;
        }
        String word = stripped.replaceAll("[\\p{P}\\p{S}\\s]+", "").toUpperCase(Locale.ROOT);
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

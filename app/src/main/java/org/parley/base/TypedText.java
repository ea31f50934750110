package org.parley.base;

import java.util.Optional;

/**
 * What a person may type into Parley's forms: no control characters (a pasted NUL or escape breaks exports, CSV and
 * the chart's HL7 and PDF documents) and no hidden direction marks (U+200E, U+200F, U+202A to U+202E, U+2066 to
 * U+2069), which make a name or a template read differently on screen from what is stored, the trick behind
 * look-alike names. Line breaks and tabs are allowed where a field has several lines. Script-like text is no problem
 * here: the UI shows text as text, never as markup.
 */
public final class TypedText {

    private TypedText() {
    }

    /** For a one-line field: why {@code value} cannot be stored as the field named {@code what}, if it cannot. */
    public static Optional<String> problemInLine(String value, String what) {
        return problem(value, what, false);
    }

    /** For a field of several lines (a note, a template's text): line breaks and tabs are fine. */
    public static Optional<String> problemInText(String value, String what) {
        return problem(value, what, true);
    }

    private static Optional<String> problem(String value, String what, boolean lines) {
        if (value == null) {
            return Optional.empty();
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (lines && (c == '\n' || c == '\r' || c == '\t')) {
                continue;
            }
            if (Character.getType(c) == Character.CONTROL) {
                return Optional.of("The " + what + " contains a control character (position " + (i + 1)
                        + "): type it again instead of pasting it.");
            }
            if (c == '\u200E' || c == '\u200F' || (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069')) {
                return Optional.of("The " + what + " contains a hidden text-direction mark (position " + (i + 1)
                        + "), which makes it read differently from what is stored: type it again.");
            }
        }
        return Optional.empty();
    }

    /** Throws the problem as an {@link IllegalArgumentException}, the way Parley's services refuse bad input. */
    public static void requireLine(String value, String what) {
        problemInLine(value, what).ifPresent(problem -> {
            throw new IllegalArgumentException(problem);
        });
    }

    /** {@link #requireLine} for a field of several lines. */
    public static void requireText(String value, String what) {
        problemInText(value, what).ifPresent(problem -> {
            throw new IllegalArgumentException(problem);
        });
    }
}

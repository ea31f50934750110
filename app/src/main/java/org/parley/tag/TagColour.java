package org.parley.tag;

import java.util.Locale;

/**
 * The fixed palette of tag colours: each readable with dark text on it, so a tag never depends on a colour picker's
 * choice to stay legible.
 */
public enum TagColour {
    GREY("#e2e5e9"),
    RED("#f9c9c5"),
    ORANGE("#fbd9b4"),
    YELLOW("#f7ec9e"),
    GREEN("#c8ebc4"),
    TEAL("#bfe9e4"),
    BLUE("#c7dbf7"),
    PURPLE("#dfd0f3"),
    PINK("#f6cde3");

    private final String background;

    TagColour(String background) {
        this.background = background;
    }

    /** The CSS background colour of a tag in this colour. */
    public String background() {
        return background;
    }

    /** The colour's name as the admin page shows it, e.g. "Blue". */
    public String label() {
        return name().charAt(0) + name().substring(1).toLowerCase(Locale.ROOT);
    }
}

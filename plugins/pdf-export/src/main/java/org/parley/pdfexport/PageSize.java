package org.parley.pdfexport;

import java.util.Locale;
import java.util.Optional;
import org.apache.pdfbox.pdmodel.common.PDRectangle;

/** The paper the PDF is laid out for: what the practice's scanner and printer use. */
enum PageSize {
    LETTER("Letter", PDRectangle.LETTER),
    A4("A4", PDRectangle.A4);

    private final String label;
    private final PDRectangle rectangle;

    PageSize(String label, PDRectangle rectangle) {
        this.label = label;
        this.rectangle = rectangle;
    }

    String label() {
        return label;
    }

    PDRectangle rectangle() {
        return new PDRectangle(rectangle.getWidth(), rectangle.getHeight());
    }

    /** "Letter" or "A4", in any case. */
    static Optional<PageSize> named(String name) {
        String wanted = name.strip().toUpperCase(Locale.ROOT);
        for (PageSize size : values()) {
            if (size.label.toUpperCase(Locale.ROOT).equals(wanted)) {
                return Optional.of(size);
            }
        }
        return Optional.empty();
    }
}

package org.parley.pdfexport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.text.Normalizer;
import java.util.Locale;
import org.apache.fontbox.ttf.CmapLookup;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * One of the bundled DejaVu Sans fonts, embedded (as a subset) in one document, and what it can print.
 *
 * <p>Only embedded fonts are used: PDFBox's standard 14 fonts cover Latin-1 alone, and creating one makes PDFBox
 * scan the server's fonts and write a font cache into the home folder. A character the font has no glyph for is
 * printed visibly as its Unicode name in brackets ("[SMILING FACE WITH SMILING EYES]") rather than dropped or
 * failing the export; invisible formatting characters (joiners, variation selectors, direction marks) are left out.
 */
final class Typeface implements AutoCloseable {

    /** DejaVu Sans 2.37 (Bitstream Vera licence, see fonts/LICENSE-DejaVu.txt). */
    static final String REGULAR = "fonts/DejaVuSans.ttf";
    static final String BOLD = "fonts/DejaVuSans-Bold.ttf";

    private final TrueTypeFont ttf;
    private final PDType0Font font;
    private final CmapLookup glyphs;

    private Typeface(TrueTypeFont ttf, PDType0Font font) throws IOException {
        this.ttf = ttf;
        this.font = font;
        this.glyphs = ttf.getUnicodeCmapLookup();
    }

    /** Embeds the font (the glyphs used, on saving) into the document. */
    static Typeface embed(PDDocument document, String resource) throws IOException {
        TrueTypeFont ttf = new TTFParser().parse(new RandomAccessReadBuffer(FontFiles.bytes(resource)));
        // No glyph substitution: PDFBox would set "fi", "fl", "ffi" as ligature glyphs, which the text layer then
        // holds as U+FB01... characters, and an EHR's search for "refill" or "fluoxetine" would miss them.
        ttf.setEnableGsub(false);
        try {
            return new Typeface(ttf, PDType0Font.load(document, ttf, true));
        } catch (IOException | RuntimeException e) {
            ttf.close();
            throw e;
        }
    }

    PDType0Font font() {
        return font;
    }

    /**
     * The text as this font can print it, on one line: NFC-normalised (so "e" + combining accent is one glyph),
     * tabs as spaces, control and invisible formatting characters dropped, and anything else without a glyph
     * replaced by its Unicode name in brackets. Line breaks must have been split off before.
     */
    String printable(String text) {
        String normalized = Normalizer.normalize(text, Normalizer.Form.NFC);
        StringBuilder out = new StringBuilder(normalized.length());
        normalized.codePoints().forEach(c -> {
            if (c == '\t') {
                out.append("    ");
            } else if (Character.isISOControl(c) || isInvisible(c)) {
                // nothing to see
            } else if (Character.isSurrogate((char) c) && c <= 0xFFFF) {
                out.append("[?]");
            } else if (glyphs.getGlyphId(c) != 0) {
                out.appendCodePoint(c);
            } else if (Character.isSpaceChar(c)) {
                out.append(' ');
            } else {
                out.append('[').append(nameOf(c)).append(']');
            }
        });
        return out.toString();
    }

    /** The width of printable text at this size, in points. */
    float width(String printable, float size) {
        try {
            return font.getStringWidth(printable) / 1000f * size;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean isInvisible(int c) {
        return Character.getType(c) == Character.FORMAT
                || (c >= 0xFE00 && c <= 0xFE0F) || (c >= 0xE0100 && c <= 0xE01EF);
    }

    private static String nameOf(int c) {
        String name = Character.getName(c);
        return name == null ? String.format(Locale.ROOT, "U+%04X", c) : name;
    }

    /** Closes the parsed font file once the document is saved. */
    @Override
    public void close() throws IOException {
        ttf.close();
    }

    /** The font files, read once per plugin: about 1.4 MB for the two. */
    static final class FontFiles {
        private static final byte[] REGULAR_BYTES = read(REGULAR);
        private static final byte[] BOLD_BYTES = read(BOLD);

        private FontFiles() {
        }

        static byte[] bytes(String resource) {
            return resource.equals(BOLD) ? BOLD_BYTES : REGULAR_BYTES;
        }

        private static byte[] read(String resource) {
            try (InputStream in = Typeface.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("font missing from the plugin: " + resource);
                }
                return in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}

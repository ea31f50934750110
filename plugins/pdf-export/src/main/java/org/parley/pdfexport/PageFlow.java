package org.parley.pdfexport;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.util.Matrix;

/**
 * Lays content out top to bottom, starting a new page when the next piece does not fit. Knows nothing of chart
 * exports: lines of printable text, rules, gaps and pictures.
 */
final class PageFlow implements AutoCloseable {

    static final float MARGIN = 54; // three quarters of an inch
    static final float FOOTER = 28;

    private final PDDocument document;
    private final PDRectangle size;
    private final List<PDPage> pages = new ArrayList<>();
    private PDPageContentStream content;
    private float y;

    PageFlow(PDDocument document, PDRectangle size) {
        this.document = document;
        this.size = size;
    }

    float left() {
        return MARGIN;
    }

    float width() {
        return size.getWidth() - 2 * MARGIN;
    }

    /** The height a page offers between the margins and the footer. */
    float pageHeight() {
        return size.getHeight() - 2 * MARGIN - FOOTER;
    }

    List<PDPage> pages() {
        return List.copyOf(pages);
    }

    /** Makes room for this much height, on a new page when the current one has too little. */
    void ensure(float height) throws IOException {
        if (content == null || y - height < MARGIN + FOOTER) {
            newPage();
        }
    }

    void newPage() throws IOException {
        closeContent();
        PDPage page = new PDPage(size);
        document.addPage(page);
        pages.add(page);
        content = new PDPageContentStream(document, page);
        y = size.getHeight() - MARGIN;
    }

    /** One line of printable text with its top at the current position; moves down by {@code leading}. */
    void line(Typeface face, float fontSize, float leading, float x, String printable, float grey)
            throws IOException {
        ensure(leading);
        text(face, fontSize, x, printable, grey);
        y -= leading;
    }

    /** Printable text with its top at the current position, without moving down (for a row of several). */
    void text(Typeface face, float fontSize, float x, String printable, float grey) throws IOException {
        if (printable.isEmpty()) {
            return;
        }
        content.beginText();
        content.setNonStrokingColor(grey, grey, grey);
        content.setFont(face.font(), fontSize);
        // baseline: the top of the line less the font's ascent (about 0.8 em for DejaVu Sans)
        content.newLineAtOffset(x, y - fontSize * 0.8f);
        content.showText(printable);
        content.endText();
    }

    /** Moves down by this much (after {@link #ensure} and {@link #text}). */
    void down(float height) {
        y -= height;
    }

    /** Empty space; at the top of a page there is nothing to keep apart, so none. */
    void gap(float height) {
        if (content != null && y < size.getHeight() - MARGIN) {
            y -= height;
        }
    }

    /** A thin grey line across the page. */
    void rule() throws IOException {
        ensure(6);
        content.setStrokingColor(0.7f, 0.7f, 0.7f);
        content.setLineWidth(0.5f);
        content.moveTo(MARGIN, y - 3);
        content.lineTo(MARGIN + width(), y - 3);
        content.stroke();
        y -= 6;
    }

    /**
     * A picture of {@code width} x {@code height} points (as seen) at the left margin, turned as its EXIF
     * orientation (1 to 8) says.
     */
    void picture(PDImageXObject image, int orientation, float width, float height) throws IOException {
        ensure(height);
        content.drawImage(image, placement(orientation, MARGIN, y - height, width, height));
        y -= height;
    }

    /**
     * Maps the image's unit square onto the box (x, y, width, height), so that the stored picture's corners land
     * where its orientation says they belong (EXIF 2 and 4 mirror, 3 turns half, 5 and 7 mirror across a diagonal,
     * 6 and 8 turn a quarter clockwise and anticlockwise).
     */
    static Matrix placement(int orientation, float x, float y, float width, float height) {
        float[] bl = {x, y};
        float[] br = {x + width, y};
        float[] tl = {x, y + height};
        float[] tr = {x + width, y + height};
        // where the stored picture's bottom-left, bottom-right and top-left corners go
        float[][] corners = switch (orientation) {
            case 2 -> new float[][] {br, bl, tr};
            case 3 -> new float[][] {tr, tl, br};
            case 4 -> new float[][] {tl, tr, bl};
            case 5 -> new float[][] {tr, br, tl};
            case 6 -> new float[][] {tl, bl, tr};
            case 7 -> new float[][] {bl, tl, br};
            case 8 -> new float[][] {br, tr, bl};
            default -> new float[][] {bl, br, tl};
        };
        float[] origin = corners[0];
        return new Matrix(corners[1][0] - origin[0], corners[1][1] - origin[1],
                corners[2][0] - origin[0], corners[2][1] - origin[1], origin[0], origin[1]);
    }

    private void closeContent() throws IOException {
        if (content != null) {
            content.close();
            content = null;
        }
    }

    @Override
    public void close() throws IOException {
        closeContent();
    }
}

package org.parley.pdfexport;

import java.util.ArrayList;
import java.util.List;

/** Text measured in a typeface: wrapped to a width, or cut with an ellipsis to fit one. */
final class TextFit {

    private TextFit() {
    }

    /**
     * Printable lines no wider than {@code width}: the text's own line breaks kept, lines broken between words,
     * and a word wider than a line broken where it must.
     */
    static List<String> wrap(Typeface face, float size, float width, String text) {
        List<String> lines = new ArrayList<>();
        float space = face.width(" ", size);
        for (String paragraph : text.split("\r\n|[\r\n\u2028\u2029\u000B\u000C\u0085]", -1)) {
            StringBuilder line = new StringBuilder();
            float lineWidth = 0;
            for (String word : face.printable(paragraph).split(" +")) {
                if (word.isEmpty()) {
                    continue;
                }
                float wordWidth = face.width(word, size);
                if (line.length() > 0 && lineWidth + space + wordWidth <= width) {
                    line.append(' ').append(word);
                    lineWidth += space + wordWidth;
                    continue;
                }
                if (line.length() > 0) {
                    lines.add(line.toString());
                    line.setLength(0);
                    lineWidth = 0;
                }
                if (wordWidth <= width) {
                    line.append(word);
                    lineWidth = wordWidth;
                } else {
                    for (String piece : breakWord(face, size, width, word)) {
                        if (line.length() > 0) {
                            lines.add(line.toString());
                        }
                        line.setLength(0);
                        line.append(piece);
                        lineWidth = face.width(piece, size);
                    }
                }
            }
            lines.add(line.toString());
        }
        return lines;
    }

    private static List<String> breakWord(Typeface face, float size, float width, String word) {
        List<String> pieces = new ArrayList<>();
        StringBuilder piece = new StringBuilder();
        float pieceWidth = 0;
        for (int c : word.codePoints().toArray()) {
            String character = Character.toString(c);
            float characterWidth = face.width(character, size);
            if (piece.length() > 0 && pieceWidth + characterWidth > width) {
                pieces.add(piece.toString());
                piece.setLength(0);
                pieceWidth = 0;
            }
            piece.append(character);
            pieceWidth += characterWidth;
        }
        if (piece.length() > 0) {
            pieces.add(piece.toString());
        }
        return pieces;
    }

    /** The printable text cut with an ellipsis to fit the width. */
    static String fit(Typeface face, float size, float width, String printable) {
        if (face.width(printable, size) <= width) {
            return printable;
        }
        int[] codePoints = printable.codePoints().toArray();
        // the longest cut that fits, by halving (a name can be very long)
        int fits = 0;
        int tooLong = codePoints.length;
        while (tooLong - fits > 1) {
            int length = (fits + tooLong) / 2;
            if (face.width(new String(codePoints, 0, length).strip() + "…", size) <= width) {
                fits = length;
            } else {
                tooLong = length;
            }
        }
        return new String(codePoints, 0, fits).strip() + "…";
    }
}

package org.parley.pdfexport;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * What a JPEG needs before it goes into a PDF unchanged: its EXIF orientation (phones store a photo sideways and
 * say so in EXIF, which PDF viewers ignore), and its bytes without metadata segments (EXIF, XMP, IPTC, comments:
 * camera, time and often the GPS position where the photo was taken, none of which belongs in a chart). The
 * picture itself is not decoded or re-encoded.
 *
 * @param bytes       the JPEG without APP1 (EXIF, XMP), APP13 (IPTC) and comment segments
 * @param orientation the EXIF orientation, 1 (as stored) to 8; 1 when there is none or it cannot be read
 */
record JpegFile(byte[] bytes, int orientation) {

    private static final int SOI = 0xD8;
    private static final int SOS = 0xDA;
    private static final int APP1 = 0xE1;
    private static final int APP13 = 0xED;
    private static final int COM = 0xFE;
    private static final byte[] EXIF = "Exif\0\0".getBytes(StandardCharsets.ISO_8859_1);
    private static final int ORIENTATION_TAG = 0x0112;

    /** Reads the segments before the picture data; anything unexpected leaves the bytes as they are. */
    static JpegFile of(byte[] data) {
        if (data.length < 4 || (data[0] & 0xFF) != 0xFF || (data[1] & 0xFF) != SOI) {
            return new JpegFile(data, 1);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(data.length);
        out.write(data, 0, 2);
        int orientation = 1;
        int at = 2;
        while (at + 4 <= data.length) {
            if ((data[at] & 0xFF) != 0xFF) {
                return new JpegFile(data, 1);
            }
            int marker = data[at + 1] & 0xFF;
            if (marker == 0xFF) {
                at++; // fill byte
                continue;
            }
            if (marker == SOS) {
                break;
            }
            if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
                out.write(data, at, 2); // markers without a length
                at += 2;
                continue;
            }
            int length = ((data[at + 2] & 0xFF) << 8) | (data[at + 3] & 0xFF);
            int end = at + 2 + length;
            if (length < 2 || end > data.length) {
                return new JpegFile(data, 1);
            }
            if (marker == APP1 && startsWith(data, at + 4, EXIF)) {
                orientation = exifOrientation(data, at + 4 + EXIF.length, end);
            }
            if (marker != APP1 && marker != APP13 && marker != COM) {
                out.write(data, at, end - at);
            }
            at = end;
        }
        out.write(data, at, data.length - at);
        return new JpegFile(out.toByteArray(), orientation);
    }

    /** Whether the picture is shown turned a quarter (width and height swap). */
    boolean turnsSideways() {
        return orientation >= 5;
    }

    /** The orientation tag of IFD0 in the TIFF structure at [start, end), or 1. */
    private static int exifOrientation(byte[] data, int start, int end) {
        if (start + 8 > end) {
            return 1;
        }
        boolean littleEndian = data[start] == 'I' && data[start + 1] == 'I';
        if (!littleEndian && !(data[start] == 'M' && data[start + 1] == 'M')) {
            return 1;
        }
        long ifd = start + unsigned(data, start + 4, 4, littleEndian);
        if (ifd + 2 > end) {
            return 1;
        }
        int entries = (int) unsigned(data, (int) ifd, 2, littleEndian);
        for (int i = 0; i < entries; i++) {
            int entry = (int) ifd + 2 + i * 12;
            if (entry + 12 > end) {
                return 1;
            }
            if (unsigned(data, entry, 2, littleEndian) == ORIENTATION_TAG) {
                int value = (int) unsigned(data, entry + 8, 2, littleEndian);
                return value >= 1 && value <= 8 ? value : 1;
            }
        }
        return 1;
    }

    private static long unsigned(byte[] data, int at, int size, boolean littleEndian) {
        long value = 0;
        for (int i = 0; i < size; i++) {
            int b = data[at + (littleEndian ? size - 1 - i : i)] & 0xFF;
            value = (value << 8) | b;
        }
        return value;
    }

    private static boolean startsWith(byte[] data, int at, byte[] prefix) {
        if (at + prefix.length > data.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (data[at + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}

package org.parley.pdfexport;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import java.util.Locale;
import java.util.Set;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.graphics.image.JPEGFactory;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.parley.plugin.ChartAttachment;

/**
 * Turns a message's pictures into PDF images: JPEG as it is (minus its metadata), PNG and GIF (first frame)
 * losslessly. Anything else, and anything that cannot be read, is listed by name instead: a picture never fails
 * an export.
 */
final class Pictures {

    private static final Set<String> JPEG = Set.of("image/jpeg", "image/jpg", "image/pjpeg");
    private static final Set<String> DECODED = Set.of("image/png", "image/x-png", "image/gif");
    // A PNG or GIF is decoded into memory (4 bytes a pixel) before it is compressed into the PDF: 4096 x 4096 at
    // most. A JPEG is not decoded, so it may be larger.
    private static final long MAX_DECODED_PIXELS = 4096L * 4096L;
    private static final long MAX_JPEG_PIXELS = 100_000_000L;

    private Pictures() {
    }

    /** What became of one attachment. */
    sealed interface Picture {
        /** Embedded; {@code width} and {@code height} as it is to be seen, in pixels. */
        record Shown(PDImageXObject image, int orientation, int width, int height) implements Picture {
        }

        /** Listed by name with the reason. */
        record NotShown(String reason) implements Picture {
        }
    }

    static boolean canShow(ChartAttachment attachment) {
        String type = mediaType(attachment);
        return JPEG.contains(type) || DECODED.contains(type);
    }

    static Picture embed(PDDocument document, ChartAttachment attachment) {
        String type = mediaType(attachment);
        if (!canShow(attachment)) {
            return new Picture.NotShown("not shown: this type cannot be embedded");
        }
        try {
            if (JPEG.contains(type)) {
                JpegFile jpeg = JpegFile.of(attachment.data());
                Size size = size(jpeg.bytes());
                if (size.pixels() > MAX_JPEG_PIXELS) {
                    return tooLarge(size);
                }
                PDImageXObject image = JPEGFactory.createFromByteArray(document, jpeg.bytes());
                return jpeg.turnsSideways()
                        ? new Picture.Shown(image, jpeg.orientation(), image.getHeight(), image.getWidth())
                        : new Picture.Shown(image, jpeg.orientation(), image.getWidth(), image.getHeight());
            }
            BufferedImage decoded = decode(attachment.data());
            if (decoded == null) {
                return tooLarge(size(attachment.data()));
            }
            PDImageXObject image = LosslessFactory.createFromImage(document, decoded);
            return new Picture.Shown(image, 1, image.getWidth(), image.getHeight());
        } catch (IOException | RuntimeException e) {
            // a damaged or lying file: the decoders throw all sorts (IIOException, IllegalArgumentException,
            // ArrayIndexOutOfBoundsException, UnsupportedOperationException for odd JPEG component counts)
            return new Picture.NotShown("not shown: the picture could not be read");
        }
    }

    private static Picture tooLarge(Size size) {
        return new Picture.NotShown("not shown: too large to embed (" + size.width() + " × " + size.height()
                + " pixels)");
    }

    private record Size(int width, int height) {
        long pixels() {
            return (long) width * height;
        }
    }

    private static Size size(byte[] data) throws IOException {
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(data))) {
            ImageReader reader = reader(in);
            try {
                reader.setInput(in, true, true);
                return new Size(reader.getWidth(0), reader.getHeight(0));
            } finally {
                reader.dispose();
            }
        }
    }

    /** The first frame, or {@code null} when it is too large to decode. */
    private static BufferedImage decode(byte[] data) throws IOException {
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(data))) {
            ImageReader reader = reader(in);
            try {
                reader.setInput(in, true, true);
                if ((long) reader.getWidth(0) * reader.getHeight(0) > MAX_DECODED_PIXELS) {
                    return null;
                }
                return reader.read(0);
            } finally {
                reader.dispose();
            }
        }
    }

    private static ImageReader reader(ImageInputStream in) throws IOException {
        // by content, not by the type the phone claimed
        Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
        if (!readers.hasNext()) {
            throw new IOException("no reader for this picture");
        }
        return readers.next();
    }

    private static String mediaType(ChartAttachment attachment) {
        String type = attachment.contentType();
        int parameters = type.indexOf(';');
        return (parameters < 0 ? type : type.substring(0, parameters)).strip().toLowerCase(Locale.ROOT);
    }
}

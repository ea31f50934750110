package org.parley.pdfexport;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.junit.jupiter.api.Test;
import org.parley.plugin.ChartAttachment;

/** A phone photo: stored sideways with an EXIF orientation, and carrying metadata that has no place in a chart. */
class JpegFileTest {

    private static final String WHERE = "GPS 40.7128 N 74.0060 W";

    @Test
    void theOrientationIsReadAndTheMetadataLeftOutWhileThePictureStaysTheSame() throws IOException {
        ChartAttachment photo = Exports.picture("photo.jpg", "jpeg", "image/jpeg", 40, 20);
        byte[] withExif = withExif(photo.data(), 6, ByteOrder.BIG_ENDIAN);

        JpegFile jpeg = JpegFile.of(withExif);

        assertThat(jpeg.orientation()).isEqualTo(6);
        assertThat(jpeg.turnsSideways()).isTrue();
        assertThat(new String(jpeg.bytes(), StandardCharsets.ISO_8859_1)).doesNotContain("Exif", WHERE);
        assertThat(jpeg.bytes()).hasSize(photo.data().length);
        BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(jpeg.bytes()));
        assertThat(decoded.getWidth()).isEqualTo(40);
        assertThat(decoded.getHeight()).isEqualTo(20);
    }

    @Test
    void littleEndianExifIsReadToo() throws IOException {
        byte[] photo = Exports.picture("photo.jpg", "jpeg", "image/jpeg", 40, 20).data();

        assertThat(JpegFile.of(withExif(photo, 8, ByteOrder.LITTLE_ENDIAN)).orientation()).isEqualTo(8);
    }

    @Test
    void aJpegWithoutExifOrNotAJpegAtAllIsLeftAsItIs() {
        byte[] plain = Exports.picture("photo.jpg", "jpeg", "image/jpeg", 40, 20).data();
        byte[] junk = "not a picture".getBytes(StandardCharsets.US_ASCII);

        assertThat(JpegFile.of(plain).orientation()).isEqualTo(1);
        assertThat(JpegFile.of(plain).bytes()).isEqualTo(plain);
        assertThat(JpegFile.of(junk).bytes()).isEqualTo(junk);
        assertThat(JpegFile.of(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE1, 0x7F}).orientation())
                .isEqualTo(1);
    }

    @Test
    void aPhotoStoredSidewaysIsShownUprightInThePdf() throws IOException {
        // stored 40 x 20, red on top; orientation 6 says "turn a quarter clockwise": upright, red is on the right
        byte[] photo = withExif(Exports.picture("photo.jpg", "jpeg", "image/jpeg", 40, 20).data(), 6,
                ByteOrder.BIG_ENDIAN);
        byte[] pdf = ChartPdf.render(Exports.of(Exports.fromPatient("m-1", "sideways",
                new ChartAttachment("photo.jpg", "image/jpeg", photo))), "x", ZoneId.of("UTC"), PageSize.LETTER);

        BufferedImage page;
        try (PDDocument document = Loader.loadPDF(pdf)) {
            page = new PDFRenderer(document).renderImage(0, 4);
        }
        Rectangle red = box(page, 0xFF0000);
        Rectangle blue = box(page, 0x0000FF);

        assertThat(red.height).isGreaterThan(red.width);
        assertThat(red.x).isGreaterThanOrEqualTo(blue.x + blue.width - 4);
        assertThat(red.y).isBetween(blue.y - 4, blue.y + 4);
    }

    /** The photo with an APP1 segment holding an IFD with the orientation and a made-up location text. */
    static byte[] withExif(byte[] jpeg, int orientation, ByteOrder order) throws IOException {
        byte[] where = WHERE.getBytes(StandardCharsets.US_ASCII);
        ByteBuffer tiff = ByteBuffer.allocate(8 + 2 + 12 + 4 + where.length).order(order);
        tiff.put(order == ByteOrder.BIG_ENDIAN ? new byte[] {'M', 'M'} : new byte[] {'I', 'I'});
        tiff.putShort((short) 42).putInt(8);
        tiff.putShort((short) 1);
        tiff.putShort((short) 0x0112).putShort((short) 3).putInt(1).putShort((short) orientation).putShort((short) 0);
        tiff.putInt(0);
        tiff.put(where);
        byte[] exif = "Exif\0\0".getBytes(StandardCharsets.ISO_8859_1);
        int length = 2 + exif.length + tiff.capacity();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, 2);
        out.write(new byte[] {(byte) 0xFF, (byte) 0xE1, (byte) (length >> 8), (byte) length});
        out.write(exif);
        out.write(tiff.array());
        out.write(jpeg, 2, jpeg.length - 2);
        return out.toByteArray();
    }

    /** Where the pixels close to this colour are. */
    private static Rectangle box(BufferedImage image, int rgb) {
        Rectangle box = null;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if (close(image.getRGB(x, y), rgb)) {
                    Rectangle pixel = new Rectangle(x, y, 1, 1);
                    box = box == null ? pixel : box.union(pixel);
                }
            }
        }
        assertThat(box).as("pixels of colour %06x", rgb).isNotNull();
        return box;
    }

    private static boolean close(int actual, int wanted) {
        for (int shift = 0; shift <= 16; shift += 8) {
            if (Math.abs(((actual >> shift) & 0xFF) - ((wanted >> shift) & 0xFF)) > 60) {
                return false;
            }
        }
        return true;
    }
}

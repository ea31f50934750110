package org.parley.pdfexport;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import org.parley.plugin.ChartAttachment;
import org.parley.plugin.ChartCategory;
import org.parley.plugin.ChartExport;
import org.parley.plugin.ChartMessage;
import org.parley.plugin.ChartMessage.Kind;
import org.parley.plugin.ChartPatient;
import org.parley.plugin.ChartStaff;

/** Chart exports for tests: a recognisable patient, and messages of every kind. */
final class Exports {

    static final String EXPORT_ID = "exp-20260314-0042";
    static final ChartPatient PATIENT = new ChartPatient("p-17", "María José", "Núñez-O'Brien",
            LocalDate.of(1962, 3, 14), "A-10042");
    static final ChartStaff STAFF = new ChartStaff("dfront", "Dana Front");
    // 13:05 UTC is 9:05 AM in New York (daylight saving time)
    static final Instant REQUESTED = Instant.parse("2026-03-14T13:05:00Z");

    private Exports() {
    }

    static ChartExport of(ChartMessage... messages) {
        return new ChartExport(EXPORT_ID, PATIENT, List.of(messages), STAFF, ChartCategory.RESULTS,
                "Patient asks about her MRI", REQUESTED);
    }

    static ChartMessage fromPatient(String id, String text, ChartAttachment... attachments) {
        return new ChartMessage(id, Kind.FROM_PATIENT, "María José Núñez-O'Brien",
                Instant.parse("2026-03-13T14:30:00Z"), text, List.of(attachments));
    }

    static ChartMessage message(Kind kind, String author, String at, String text) {
        return new ChartMessage("m-" + kind, kind, author, Instant.parse(at), text, List.of());
    }

    /** The conversation most tests print: a question, a reply, a note, a voicemail. */
    static ChartExport conversation() {
        return of(
                fromPatient("m-1", "Did my MRI results come back?"),
                message(Kind.TO_PATIENT, "Dana Front", "2026-03-13T15:02:00Z",
                        "Yes, Dr. Patel will call you tomorrow morning."),
                message(Kind.INTERNAL_NOTE, "Sam Nurse", "2026-03-13T15:10:00Z",
                        "Flagged for Dr. Patel; results in the portal."),
                message(Kind.VOICEMAIL, "María José Núñez-O'Brien", "2026-03-14T12:45:00Z",
                        "Hi, this is Maria, please call me back about the results."));
    }

    /**
     * A PNG that claims to be {@code width} x {@code height} pixels and holds no picture data: what a
     * decompression bomb looks like to a reader that checks the size first.
     */
    static ChartAttachment pngHeaderOnly(String fileName, int width, int height) {
        ByteBuffer header = ByteBuffer.allocate(13).putInt(width).putInt(height)
                .put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0);
        byte[] type = "IHDR".getBytes(StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(type);
        crc.update(header.array());
        ByteBuffer png = ByteBuffer.allocate(8 + 4 + 4 + 13 + 4)
                .put(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'})
                .putInt(13).put(type).put(header.array()).putInt((int) crc.getValue());
        return new ChartAttachment(fileName, "image/png", png.array());
    }

    static ChartAttachment picture(String fileName, String format, String contentType, int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = image.createGraphics();
        graphics.setColor(Color.RED);
        graphics.fillRect(0, 0, width, height / 2);
        graphics.setColor(Color.BLUE);
        graphics.fillRect(0, height / 2, width, height - height / 2);
        graphics.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, format, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ChartAttachment(fileName, contentType, out.toByteArray());
    }
}

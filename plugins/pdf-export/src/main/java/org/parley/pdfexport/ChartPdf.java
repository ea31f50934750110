package org.parley.pdfexport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.List;
import java.util.Locale;
import java.util.TimeZone;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.PDPageContentStream.AppendMode;
import org.parley.plugin.ChartAttachment;
import org.parley.plugin.ChartExport;
import org.parley.plugin.ChartMessage;
import org.parley.plugin.ChartPatient;

/**
 * The PDF of one chart export: a header naming the practice, the patient (name, date of birth, MRN), the category
 * and comment, who copied the messages and when; then each message with its time, direction and author, its text
 * wrapped across lines and pages, and its pictures; on every page the patient's name, date of birth and MRN (a
 * page that comes loose in the scanner still says whose it is) and "Page n of m".
 *
 * <p>The same export always gives the same bytes: the document's dates are the time the export was requested and
 * its ID is derived from the export id, never from the clock.
 */
final class ChartPdf {

    static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("MMM d, yyyy", Locale.US);
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("MMM d, yyyy, h:mm a z", Locale.US);

    private static final float BODY = 10;
    private static final float BODY_LEADING = 13.5f;
    private static final float SMALL = 8;
    private static final float SMALL_LEADING = 11;
    private static final float LABEL_WIDTH = 96;
    private static final float GREY = 0.35f;
    private static final float BLACK = 0;
    // pictures at 96 pixels an inch, no taller than this share of a page
    private static final float POINTS_PER_PIXEL = 0.75f;
    private static final float MAX_PICTURE_SHARE = 0.6f;

    private final ChartExport export;
    private final String practiceName;
    private final ZoneId zone;
    private final PageSize pageSize;

    private PageFlow flow;
    private Typeface regular;
    private Typeface bold;

    private ChartPdf(ChartExport export, String practiceName, ZoneId zone, PageSize pageSize) {
        this.export = export;
        this.practiceName = practiceName == null || practiceName.isBlank() ? "The practice" : practiceName.strip();
        this.zone = zone;
        this.pageSize = pageSize;
    }

    /** The PDF's bytes. */
    static byte[] render(ChartExport export, String practiceName, ZoneId zone, PageSize pageSize)
            throws IOException {
        return new ChartPdf(export, practiceName, zone, pageSize).render();
    }

    private byte[] render() throws IOException {
        try (PDDocument document = new PDDocument();
             Typeface regularFace = Typeface.embed(document, Typeface.REGULAR);
             Typeface boldFace = Typeface.embed(document, Typeface.BOLD)) {
            regular = regularFace;
            bold = boldFace;
            describe(document);
            List<PDPage> pages;
            try (PageFlow pageFlow = new PageFlow(document, pageSize.rectangle())) {
                flow = pageFlow;
                header();
                for (ChartMessage message : export.messages()) {
                    message(document, message);
                }
                pages = flow.pages();
            }
            footers(document, pages);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.save(out);
            return out.toByteArray();
        }
    }

    /** Document information and ID from the export, so that the bytes do not depend on the clock. */
    private void describe(PDDocument document) {
        PDDocumentInformation info = document.getDocumentInformation();
        info.setTitle("Patient messages");
        info.setCreator("Parley");
        info.setProducer("Parley PDF export (Apache PDFBox)");
        Calendar requested = new GregorianCalendar(TimeZone.getTimeZone("UTC"), Locale.ROOT);
        requested.setTimeInMillis(export.requestedAt().toEpochMilli());
        info.setCreationDate(requested);
        info.setModificationDate(requested);
        document.getDocumentCatalog().setLanguage("en-US");
        COSString id = new COSString(documentId(export.exportId()));
        COSArray ids = new COSArray();
        ids.add(id);
        ids.add(id);
        document.getDocument().getTrailer().setItem(COSName.ID, ids);
    }

    static byte[] documentId(String exportId) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest(("parley-pdf-export:" + exportId).getBytes(StandardCharsets.UTF_8));
            return Arrays.copyOf(hash, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private void header() throws IOException {
        flow.newPage();
        lines(bold, 16, 20, flow.left(), flow.width(), practiceName, BLACK);
        lines(regular, 11, 15, flow.left(), flow.width(), "Text messages for the patient's chart", GREY);
        flow.gap(8);
        ChartPatient patient = export.patient();
        row("Patient", patient.displayName().isEmpty() ? "Name not recorded" : patient.displayName());
        row("Date of birth", patient.birthDate() == null ? "Not recorded" : DAY.format(patient.birthDate()));
        row("MRN", patient.mrn() == null ? "Not recorded" : patient.mrn());
        if (export.category() != null) {
            row("Category", export.category().label());
        }
        if (export.comment() != null) {
            row("Comment", export.comment());
        }
        row("Copied by", export.staff().displayName());
        row("Copied on", TIME.format(export.requestedAt().atZone(zone)));
        row("Messages", export.messages().size() + (export.messages().size() == 1 ? " message" : " messages")
                + ", oldest first");
        row("Export", export.exportId());
        flow.gap(6);
        flow.rule();
        flow.gap(6);
    }

    /** A label in bold and its value wrapped beside it. */
    private void row(String label, String value) throws IOException {
        float valueX = flow.left() + LABEL_WIDTH;
        List<String> valueLines = TextFit.wrap(regular, BODY, flow.width() - LABEL_WIDTH, value);
        for (int i = 0; i < valueLines.size(); i++) {
            flow.ensure(BODY_LEADING);
            if (i == 0) {
                flow.text(bold, BODY, flow.left(), bold.printable(label), GREY);
            }
            flow.text(regular, BODY, valueX, valueLines.get(i), BLACK);
            flow.down(BODY_LEADING);
        }
    }

    private void message(PDDocument document, ChartMessage message) throws IOException {
        // keep the heading with the first line of what follows
        flow.ensure(BODY_LEADING * 2);
        String heading = TIME.format(message.sentAt().atZone(zone)) + "  ·  " + direction(message.kind())
                + "  ·  " + message.author();
        lines(bold, BODY, BODY_LEADING, flow.left(), flow.width(), heading, BLACK);
        if (message.kind() == ChartMessage.Kind.VOICEMAIL) {
            lines(regular, SMALL, SMALL_LEADING, flow.left(), flow.width(), message.text() == null
                    ? "No automatic transcript."
                    : "Automatic transcript (may contain errors; the recording is in Parley):", GREY);
        }
        if (message.text() != null) {
            lines(regular, BODY, BODY_LEADING, flow.left(), flow.width(), message.text(), BLACK);
        }
        for (ChartAttachment attachment : message.attachments()) {
            attachment(document, attachment);
        }
        flow.gap(4);
        flow.rule();
        flow.gap(6);
    }

    private void attachment(PDDocument document, ChartAttachment attachment) throws IOException {
        String described = attachment.fileName() + " (" + attachment.contentType() + ", "
                + sizeOf(attachment.data().length) + ")";
        if (!attachment.isImage()) {
            lines(regular, SMALL, SMALL_LEADING, flow.left(), flow.width(), "Attachment: " + described, GREY);
            return;
        }
        Pictures.Picture picture = Pictures.embed(document, attachment);
        if (picture instanceof Pictures.Picture.Shown shown) {
            float scale = Math.min(1, Math.min(flow.width() / (shown.width() * POINTS_PER_PIXEL),
                    flow.pageHeight() * MAX_PICTURE_SHARE / (shown.height() * POINTS_PER_PIXEL)));
            float width = Math.max(1, shown.width() * POINTS_PER_PIXEL * scale);
            float height = Math.max(1, shown.height() * POINTS_PER_PIXEL * scale);
            flow.gap(3);
            flow.ensure(height + SMALL_LEADING + 3);
            flow.picture(shown.image(), shown.orientation(), width, height);
            flow.gap(3);
            lines(regular, SMALL, SMALL_LEADING, flow.left(), flow.width(), "Picture: " + described, GREY);
        } else if (picture instanceof Pictures.Picture.NotShown notShown) {
            lines(regular, SMALL, SMALL_LEADING, flow.left(), flow.width(),
                    "Picture " + notShown.reason() + ": " + described, GREY);
        }
    }

    /** Each page's footer: whose document it is, and its number. */
    private void footers(PDDocument document, List<PDPage> pages) throws IOException {
        ChartPatient patient = export.patient();
        String whose = (patient.displayName().isEmpty() ? "Name not recorded" : patient.displayName())
                + "  ·  DOB " + (patient.birthDate() == null ? "not recorded" : DAY.format(patient.birthDate()))
                + "  ·  MRN " + (patient.mrn() == null ? "not recorded" : patient.mrn());
        float baseline = PageFlow.MARGIN;
        for (int i = 0; i < pages.size(); i++) {
            String number = "Page " + (i + 1) + " of " + pages.size();
            float numberWidth = regular.width(number, SMALL);
            String identity = TextFit.fit(regular, SMALL, flow.width() - numberWidth - 18, regular.printable(whose));
            try (PDPageContentStream content = new PDPageContentStream(document, pages.get(i), AppendMode.APPEND,
                    true, true)) {
                content.setNonStrokingColor(GREY, GREY, GREY);
                content.beginText();
                content.setFont(regular.font(), SMALL);
                content.newLineAtOffset(flow.left(), baseline);
                content.showText(identity);
                content.endText();
                content.beginText();
                content.setFont(regular.font(), SMALL);
                content.newLineAtOffset(flow.left() + flow.width() - numberWidth, baseline);
                content.showText(number);
                content.endText();
            }
        }
    }

    /** Text wrapped to the width, one flow line per wrapped line. */
    private void lines(Typeface face, float size, float leading, float x, float width, String text, float grey)
            throws IOException {
        for (String line : TextFit.wrap(face, size, width, text)) {
            flow.line(face, size, leading, x, line, grey);
        }
    }

    static String direction(ChartMessage.Kind kind) {
        return switch (kind) {
            case FROM_PATIENT -> "From patient";
            case TO_PATIENT -> "To patient";
            case INTERNAL_NOTE -> "Internal note (not sent to the patient)";
            case VOICEMAIL -> "Voicemail from patient";
        };
    }

    private static String sizeOf(long bytes) {
        if (bytes < 1024) {
            return bytes + " bytes";
        }
        if (bytes < 1024 * 1024) {
            return (bytes + 512) / 1024 + " KB";
        }
        return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024.0));
    }
}

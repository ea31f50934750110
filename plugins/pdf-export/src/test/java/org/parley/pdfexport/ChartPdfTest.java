package org.parley.pdfexport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.plugin.ChartAttachment;
import org.parley.plugin.ChartExport;
import org.parley.plugin.ChartMessage.Kind;

/** The PDF as a person reading it in the EHR sees it, read back with PDFBox. */
class ChartPdfTest {

    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    private static byte[] render(ChartExport export) throws IOException {
        return ChartPdf.render(export, PdfExporters.PRACTICE, NEW_YORK, PageSize.LETTER);
    }

    @Test
    void theFirstPageNamesThePracticeThePatientTheirDateOfBirthAndMrnAndWhoCopiedTheMessages() throws IOException {
        String text = PdfContent.of(render(Exports.conversation())).text();

        assertThat(text).contains("Riverside Family Medicine", "María José Núñez-O'Brien", "Mar 14, 1962",
                "A-10042", "Results", "Patient asks about her MRI", "Dana Front",
                "Mar 14, 2026, 9:05 AM EDT", Exports.EXPORT_ID, "4 messages");
    }

    @Test
    void eachMessageShowsItsTimeInThePracticesZoneItsDirectionItsAuthorAndItsText() throws IOException {
        String text = PdfContent.of(render(Exports.conversation())).text();

        assertThat(text).contains(
                "Mar 13, 2026, 10:30 AM EDT · From patient · María José Núñez-O'Brien",
                "Did my MRI results come back?",
                "Mar 13, 2026, 11:02 AM EDT · To patient · Dana Front",
                "Yes, Dr. Patel will call you tomorrow morning.",
                "Mar 13, 2026, 11:10 AM EDT · Internal note (not sent to the patient) · Sam Nurse",
                "Flagged for Dr. Patel; results in the portal.",
                "Mar 14, 2026, 8:45 AM EDT · Voicemail from patient · María José Núñez-O'Brien",
                "Hi, this is Maria, please call me back about the results.");
        assertThat(text.indexOf("Did my MRI")).isLessThan(text.indexOf("Yes, Dr. Patel"));
    }

    @Test
    void fiFlAndFfiAreStoredAsLettersSoAnotherToolsExtractionFindsTheDrugName(@TempDir Path dir)
            throws IOException, InterruptedException {
        byte[] pdf = render(Exports.of(Exports.fromPatient("m-1",
                "Please refill my fluoxetine; the office said it is sufficient.")));
        Path file = Files.write(dir.resolve("chart.pdf"), pdf);
        Path pdftotext = Path.of("/usr/bin/pdftotext");
        Assumptions.assumeTrue(Files.isExecutable(pdftotext),
                "poppler's pdftotext is needed to read the PDF as an EHR would (apt-get install poppler-utils)");

        Process poppler = new ProcessBuilder(pdftotext.toString(), "-enc", "UTF-8", file.toString(), "-")
                .redirectErrorStream(true).start();
        String text = new String(poppler.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(poppler.waitFor()).isZero();

        assertThat(text).contains("refill", "fluoxetine", "office", "sufficient");
        assertThat(text.codePoints().filter(c -> c >= 0xFB00 && c <= 0xFB06)).isEmpty();
    }

    @Test
    void aVoicemailsTextIsMarkedAsAnAutomaticTranscript() throws IOException {
        String text = PdfContent.of(render(Exports.conversation())).text();

        assertThat(text).contains("Automatic transcript (may contain errors");
        assertThat(text.indexOf("Automatic transcript")).isGreaterThan(text.indexOf("Voicemail from patient"))
                .isLessThan(text.indexOf("please call me back"));
    }

    @Test
    void jpegPngAndGifPicturesAreEmbeddedAndOtherFilesAreListedByNameAndType() throws IOException {
        ChartExport export = Exports.of(Exports.fromPatient("m-1", "Here is the rash",
                Exports.picture("rash.jpg", "jpeg", "image/jpeg", 640, 480),
                Exports.picture("rash.png", "png", "image/png", 300, 200),
                Exports.picture("rash.gif", "gif", "image/gif", 120, 90),
                new ChartAttachment("rash.heic", "image/heic", new byte[] {1, 2, 3}),
                new ChartAttachment("referral.docx", "application/vnd.openxmlformats-officedocument"
                        + ".wordprocessingml.document", new byte[2048])));

        PdfContent pdf = PdfContent.of(render(export));

        assertThat(pdf.images()).isEqualTo(3);
        assertThat(pdf.text()).contains("Picture: rash.jpg (image/jpeg", "Picture: rash.png (image/png",
                "Picture: rash.gif (image/gif", "not shown", "rash.heic (image/heic, 3 bytes)",
                "Attachment: referral.docx", "2 KB");
    }

    @Test
    void aDamagedOrEnormousPictureIsListedInsteadOfFailingTheExport() throws IOException {
        ChartAttachment damaged = new ChartAttachment("broken.png", "image/png", new byte[] {(byte) 0x89, 'P', 'N',
                'G', 0, 0, 0, 0});
        ChartAttachment lying = new ChartAttachment("not-a-jpeg.jpg", "image/jpeg", "hello".getBytes());
        ChartAttachment enormous = Exports.pngHeaderOnly("huge.png", 50_000, 40_000);

        PdfContent pdf = PdfContent.of(render(Exports.of(Exports.fromPatient("m-1", "pictures", damaged, lying,
                enormous))));

        assertThat(pdf.images()).isZero();
        assertThat(pdf.text()).contains("broken.png", "not-a-jpeg.jpg", "could not be read",
                "too large to embed (50000 × 40000 pixels)");
    }

    @Test
    void aLongTextWrapsOntoFurtherPagesAndEveryPageIsNumberedAndSaysWhoseItIs() throws IOException {
        String longText = IntStream.rangeClosed(1, 700).mapToObj(i -> "word" + i).collect(Collectors.joining(" "));
        byte[] pdf = render(Exports.of(Exports.fromPatient("m-1", longText)));

        PdfContent content = PdfContent.of(pdf);

        assertThat(content.pages()).isGreaterThanOrEqualTo(2);
        assertThat(content.text().replaceAll("\\s+", " ")).contains("word1 word2", "word699 word700");
        String second = PdfContent.page(pdf, 2);
        assertThat(second.replaceAll("\\s+", " ")).contains("Page 2 of " + content.pages(),
                "María José Núñez-O'Brien · DOB Mar 14, 1962 · MRN A-10042");
        assertThat(PdfContent.page(pdf, 1)).contains("Page 1 of " + content.pages());
    }

    @Test
    void aWordWiderThanTheLineIsBrokenRatherThanCutOff() throws IOException {
        String link = "https://portal.example.org/results/" + "a".repeat(300);

        String text = PdfContent.of(render(Exports.of(Exports.fromPatient("m-1", link)))).text();

        assertThat(text.replaceAll("\\s+", "")).contains(link);
    }

    @Test
    void accentsGreekAndCyrillicPrintAsWrittenAndEmojiAndOtherScriptsByTheirNames() throws IOException {
        ChartExport export = Exports.of(Exports.fromPatient("m-1",
                "Ça va? Grüße, Ελένη, Анна ✓ ★ ♥ 🙂 👍🏽 张伟 ❤️\u200d🔥 e\u0301"));

        String text = PdfContent.of(render(export)).text();

        assertThat(text).contains("Ça va? Grüße, Ελένη, Анна ✓ ★ ♥", "[SLIGHTLY SMILING FACE]", "[THUMBS UP SIGN]",
                "[CJK UNIFIED IDEOGRAPHS 5F20]", "é");
    }

    @Test
    void anyTextAtAllRendersWithoutFailing() {
        Random random = new Random(42);
        StringBuilder chaos = new StringBuilder();
        for (int i = 0; i < 1000; i++) {
            int c = random.nextInt(0x30000);
            chaos.append(Character.isValidCodePoint(c) ? Character.toString(c) : "?");
            if (i % 7 == 0) {
                chaos.append("\uD800"); // a lone surrogate
            }
        }
        chaos.append("\u0000\u0007\t\r\n\u2028\u202E right-to-left override");

        assertThatCode(() -> PdfContent.of(ChartPdf.render(Exports.of(
                Exports.message(Kind.FROM_PATIENT, chaos.toString(), "2026-03-13T14:30:00Z", chaos.toString())),
                chaos.toString(), NEW_YORK, PageSize.A4))).doesNotThrowAnyException();
    }

    @Test
    void theSameExportGivesTheSameBytesWithDatesAndIdFromTheExportNotTheClock() throws IOException {
        ChartExport export = Exports.of(Exports.fromPatient("m-1", "Here is the rash",
                Exports.picture("rash.jpg", "jpeg", "image/jpeg", 64, 48),
                Exports.picture("rash.png", "png", "image/png", 30, 20)));

        byte[] first = render(export);
        byte[] second = render(export);

        assertThat(second).isEqualTo(first);
        PdfContent pdf = PdfContent.of(first);
        assertThat(pdf.created().toInstant()).isEqualTo(Exports.REQUESTED);
        assertThat(pdf.id()).isEqualTo(ChartPdf.documentId(Exports.EXPORT_ID));
    }

    @Test
    void thePageSizeIsLetterOrA4AsConfigured() throws IOException {
        PdfContent letter = PdfContent.of(render(Exports.conversation()));
        PdfContent a4 = PdfContent.of(ChartPdf.render(Exports.conversation(), "x", NEW_YORK, PageSize.A4));

        assertThat(letter.width()).isEqualTo(612f);
        assertThat(letter.height()).isEqualTo(792f);
        assertThat(a4.width()).isCloseTo(595.3f, Offset.offset(0.1f));
        assertThat(a4.height()).isCloseTo(841.9f, Offset.offset(0.1f));
    }

    @Test
    void renderingNeverMakesPdfBoxScanTheServersFontsOrWriteAFontCache() throws IOException {
        render(Exports.conversation());
        PdfContent.of(render(Exports.conversation()));

        // Maven points user.home and pdfbox.fontcache at target/test-home for this module's tests
        Path home = Path.of(System.getProperty("pdfbox.fontcache", System.getProperty("user.home")));
        assertThat(home.resolve(".pdfbox.cache")).doesNotExist();
        assertThat(Files.exists(home) ? Files.list(home).toList() : List.of()).isEmpty();
    }
}

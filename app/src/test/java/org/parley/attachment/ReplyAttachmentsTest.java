package org.parley.attachment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.parley.testsupport.TestFiles;

/** What may be attached to a reply: the real type from the content, the configured types and size. */
class ReplyAttachmentsTest {

    private static final List<String> DEFAULT_TYPES = List.of("image/jpeg", "image/png", "image/gif",
            "application/pdf");

    private static ReplyAttachments rules(long maxBytes, List<String> types) {
        // check() reads neither conversations nor lines.
        return new ReplyAttachments(null, maxBytes, types, 1);
    }

    private static final ReplyAttachments RULES = rules(5 * 1024 * 1024, DEFAULT_TYPES);

    @Test
    void aPictureIsAcceptedWithTheTypeItsContentShowsAndItsNameWithoutFolders() {
        byte[] png = TestFiles.picture("png", Color.BLUE);

        Attachment attachment = RULES.check("C:\\Users\\front\\Desktop\\wound photo.png", png);

        assertThat(attachment.fileName()).isEqualTo("wound photo.png");
        assertThat(attachment.contentType()).isEqualTo("image/png");
        assertThat(attachment.isImage()).isTrue();
        assertThat(attachment.toString()).doesNotContain("wound");
    }

    @Test
    void aFileWhoseNameSaysNothingGetsItsTypeFromItsContent() {
        assertThat(RULES.check("scan", TestFiles.pdf()).contentType()).isEqualTo("application/pdf");
        assertThat(RULES.check("image.bmp.download", TestFiles.picture("jpg", Color.RED)).contentType())
                .isEqualTo("image/jpeg");
    }

    @Test
    void aJpgThatIsReallyAPdfOrAProgramIsRefusedSayingWhatItIs() {
        assertThatThrownBy(() -> RULES.check("x-ray.jpg", TestFiles.pdf()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Its name says a JPEG picture but its content is a PDF document, so it was not attached.");
        assertThatThrownBy(() -> RULES.check("funny.jpg", TestFiles.windowsProgram()))
                .hasMessage("Its name says a JPEG picture but its content is a Windows program, so it was not "
                        + "attached.");
    }

    @Test
    void aTypeThatIsNotAllowedIsRefusedNamingTheAllowedOnes() {
        assertThatThrownBy(() -> RULES.check("setup.exe", TestFiles.windowsProgram()))
                .hasMessage("It is a Windows program. Attach a JPEG picture, a PNG picture, a GIF picture or a PDF "
                        + "document.");
        assertThatThrownBy(() -> rules(1000, List.of("image/png")).check("form.pdf", TestFiles.pdf()))
                .hasMessage("It is a PDF document. Attach a PNG picture.");
        assertThatThrownBy(() -> RULES.check("notes.txt", "Dear Dr. Smith".getBytes()))
                .hasMessageStartingWith("Parley cannot tell from its content what kind of file it is. Attach a JPEG");
    }

    @Test
    void aFileOverTheLimitOrEmptyIsRefusedWithTheSizes() {
        ReplyAttachments small = rules(1024 * 1024, DEFAULT_TYPES);
        byte[] large = new byte[(int) (2.5 * 1024 * 1024)];
        System.arraycopy(TestFiles.pdf(), 0, large, 0, TestFiles.pdf().length);

        assertThatThrownBy(() -> small.check("big.pdf", large))
                .hasMessage("The file is 2.5 MB; an attachment can be at most 1 MB.");
        assertThatThrownBy(() -> small.check("empty.png", new byte[0])).hasMessage("The file is empty.");
        assertThat(small.limitsInWords()).isEqualTo("a JPEG picture, a PNG picture, a GIF picture or a PDF document, "
                + "up to 1 MB");
    }

    @Test
    void aConfiguredTypeParleyCannotRecogniseStopsTheStartWithTheReason() {
        assertThatThrownBy(() -> rules(1000, List.of("image/png", "text/plain")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("parley.attachments.types: Parley cannot recognise 'text/plain' by its content");
    }

    @Test
    void namesAreCleanedOfFoldersAndControlCharactersAndKeptShortWithTheirEnding() {
        assertThat(ReplyAttachments.cleanName("../../etc/passwd")).isEqualTo("passwd");
        assertThat(ReplyAttachments.cleanName("a\u0000b\u001f.png")).isEqualTo("ab.png");
        assertThat(ReplyAttachments.cleanName("  ")).isEqualTo("attachment");
        assertThat(ReplyAttachments.cleanName("x".repeat(300) + ".jpeg")).hasSize(200).endsWith("x.jpeg");
    }
}

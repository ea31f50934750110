package org.parley.attachment;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.parley.testsupport.TestFiles;

/** A file's kind is read from its first bytes, whatever its name says. */
class FileKindTest {

    private static byte[] bytes(String iso88591) {
        return iso88591.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void realPicturesAndDocumentsAreRecognisedByTheirContent() {
        assertThat(FileKind.of(TestFiles.picture("jpg", Color.RED))).contains(FileKind.JPEG);
        assertThat(FileKind.of(TestFiles.picture("png", Color.RED))).contains(FileKind.PNG);
        assertThat(FileKind.of(TestFiles.picture("gif", Color.RED))).contains(FileKind.GIF);
        assertThat(FileKind.of(TestFiles.pdf())).contains(FileKind.PDF);
        assertThat(FileKind.of(bytes("RIFF\u0024\0\0\0WEBPVP8 "))).contains(FileKind.WEBP);
        assertThat(FileKind.of(bytes("\0\0\0\u0018ftypheic\0\0\0\0mif1heic"))).contains(FileKind.HEIC);
    }

    @Test
    void aPdfWhoseMarkerComesAfterAFewBytesOfJunkIsStillAPdf() {
        assertThat(FileKind.of(bytes("\r\n\u00ef\u00bb\u00bf  %PDF-1.4\n..."))).contains(FileKind.PDF);
    }

    @Test
    void programsArchivesAndScriptsAreRecognisedSoTheyCanBeRefusedByName() {
        assertThat(FileKind.of(TestFiles.windowsProgram())).contains(FileKind.WINDOWS_PROGRAM);
        assertThat(FileKind.of(bytes("\u007fELF\u0002\u0001\u0001"))).contains(FileKind.LINUX_PROGRAM);
        assertThat(FileKind.of(new byte[] {(byte) 0xCF, (byte) 0xFA, (byte) 0xED, (byte) 0xFE, 7, 0}))
                .contains(FileKind.MAC_PROGRAM);
        assertThat(FileKind.of(bytes("#!/bin/sh\nrm -rf /\n"))).contains(FileKind.SCRIPT);
        assertThat(FileKind.of(bytes("PK\u0003\u0004\u0014\0"))).contains(FileKind.ARCHIVE);
    }

    @Test
    void aProgramCarryingThePdfMarkerEarlyIsStillAProgram() {
        byte[] program = TestFiles.windowsProgram();
        System.arraycopy(bytes("%PDF-1.7"), 0, program, 100, 8);

        assertThat(FileKind.of(program)).contains(FileKind.WINDOWS_PROGRAM);
    }

    @Test
    void plainTextTooShortOrEmptyContentIsNotRecognised() {
        assertThat(FileKind.of(bytes("Dear Dr. Smith, ..."))).isEmpty();
        assertThat(FileKind.of(new byte[] {(byte) 0xFF, (byte) 0xD8})).isEmpty();
        assertThat(FileKind.of(new byte[0])).isEmpty();
        assertThat(FileKind.of(null)).isEmpty();
    }

    @Test
    void aNameClaimsAKindByItsEndingInAnyCase() {
        assertThat(FileKind.claimedBy("Rash on arm.JPG")).contains(FileKind.JPEG);
        assertThat(FileKind.claimedBy("form.pdf")).contains(FileKind.PDF);
        assertThat(FileKind.claimedBy("setup.exe")).contains(FileKind.WINDOWS_PROGRAM);
        assertThat(FileKind.claimedBy("notes.txt")).isEmpty();
        assertThat(FileKind.claimedBy("no ending")).isEmpty();
        assertThat(FileKind.claimedBy("dot at end.")).isEmpty();
    }
}

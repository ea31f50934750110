package org.parley.pdfexport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import org.junit.jupiter.api.Test;

/** Which write failures wait for an admin and which are worth retrying. */
class PdfFolderTest {

    @Test
    void aFolderParleyMayNotWriteIntoWaitsForAnAdmin() {
        assertThat(PdfFolder.classify(new AccessDeniedException("/srv/ehr-import/x.tmp")))
                .satisfies(failure -> {
                    assertThat(failure.retryable()).isFalse();
                    assertThat(failure.getMessage()).isEqualTo(PdfFolder.NOT_WRITABLE).doesNotContain("/srv");
                });
    }

    @Test
    void aFolderThatVanishedOrIsReadOnlyWaitsForAnAdmin() {
        assertThat(PdfFolder.classify(new NoSuchFileException("/srv/ehr-import/x.tmp")).retryable()).isFalse();
        assertThat(PdfFolder.classify(new FileSystemException("/srv/ehr-import/x.tmp", null,
                "Read-only file system"))).satisfies(failure -> {
                    assertThat(failure.retryable()).isFalse();
                    assertThat(failure.getMessage()).isEqualTo(PdfFolder.READ_ONLY);
                });
    }

    @Test
    void aFullDiskOrAnyOtherStorageErrorIsRetried() {
        assertThat(PdfFolder.classify(new FileSystemException("/srv/ehr-import/x.tmp", null,
                "No space left on device"))).satisfies(failure -> {
                    assertThat(failure.retryable()).isTrue();
                    assertThat(failure.getMessage()).isEqualTo(PdfFolder.IO_ERROR).doesNotContain("/srv");
                });
        assertThat(PdfFolder.classify(new IOException("Stale file handle")).retryable()).isTrue();
    }
}

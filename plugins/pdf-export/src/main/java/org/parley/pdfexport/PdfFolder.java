package org.parley.pdfexport;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;

/**
 * The folder PDFs are written into, e.g. the one an EHR imports scanned documents from. A PDF appears there
 * complete or not at all: it is written to a hidden temporary file in the same folder, flushed to disk, then
 * renamed over the final name. A retry of the same export therefore replaces its own file.
 *
 * <p>Failures name the setting, never the file (its name may carry an MRN): a folder that is missing, is not a
 * folder, may not be written or sits on a read-only file system waits for an admin; anything else (disk full, a
 * network share gone for a moment) is worth retrying.
 */
record PdfFolder(Path folder) {

    /** Why a PDF could not be written, and whether trying again may help. */
    static final class WriteFailure extends Exception {
        private final boolean retryable;

        WriteFailure(boolean retryable, String reason) {
            super(reason);
            this.retryable = retryable;
        }

        boolean retryable() {
            return retryable;
        }
    }

    static final String MISSING = "the output folder (setting '" + PdfSettings.OUTPUT_FOLDER
            + "') does not exist or is not a folder";
    static final String NOT_WRITABLE = "Parley may not write into the output folder (setting '"
            + PdfSettings.OUTPUT_FOLDER + "'): check its permissions";
    static final String READ_ONLY = "the output folder (setting '" + PdfSettings.OUTPUT_FOLDER
            + "') is on a read-only file system";
    static final String IO_ERROR = "the PDF could not be written to the output folder (setting '"
            + PdfSettings.OUTPUT_FOLDER + "'): disk full or a storage error";

    /** Writes the PDF under this name, replacing a file of the same name. */
    void write(String fileName, byte[] pdf) throws WriteFailure {
        if (!Files.isDirectory(folder)) {
            throw new WriteFailure(false, MISSING);
        }
        Path target = folder.resolve(fileName);
        // hidden and not ending in .pdf: an import that watches for *.pdf never picks up half a file
        Path temporary = folder.resolve("." + fileName + "." + UUID.randomUUID() + ".tmp");
        try {
            // created with the process's usual permissions (not createTempFile's owner-only ones), so the EHR's
            // import, often another user, can read the file
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(pdf);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            try {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                // some network shares cannot rename atomically; the temporary name still hides the partial file
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw classify(e);
        } finally {
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException ignored) {
                // nothing more to do; the name is hidden and unique
            }
        }
    }

    /** Creates and removes a small file: whether PDFs can be written here at all. */
    void probe() throws WriteFailure {
        if (!Files.isDirectory(folder)) {
            throw new WriteFailure(false, MISSING);
        }
        Path probe = folder.resolve(".parley-write-test-" + UUID.randomUUID() + ".tmp");
        try {
            Files.write(probe, new byte[] {1}, StandardOpenOption.CREATE_NEW);
            Files.delete(probe);
        } catch (IOException e) {
            throw classify(e);
        }
    }

    static WriteFailure classify(IOException e) {
        if (e instanceof AccessDeniedException) {
            return new WriteFailure(false, NOT_WRITABLE);
        }
        if (e instanceof NoSuchFileException || e instanceof NotDirectoryException) {
            return new WriteFailure(false, MISSING);
        }
        if (e instanceof FileSystemException fileSystem && fileSystem.getReason() != null
                && fileSystem.getReason().contains("Read-only file system")) {
            return new WriteFailure(false, READ_ONLY);
        }
        return new WriteFailure(true, IO_ERROR);
    }
}

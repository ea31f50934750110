package org.parley.attachment.ui;

import com.vaadin.flow.server.VaadinResponse;
import com.vaadin.flow.server.streams.DownloadEvent;
import com.vaadin.flow.server.streams.DownloadHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Optional;
import java.util.function.Supplier;
import org.parley.attachment.InlinePictures;

/**
 * Serves a stored picture, file or recording from Parley's origin without letting it act there: a picture that sniffs
 * as one ({@link InlinePictures}) is served inline as its sniffed type; anything else as a download
 * ({@code Content-Disposition: attachment}, a safe file name, a conservative type). Every answer carries
 * {@code nosniff} and a policy that allows the content nothing ({@code default-src 'none'; sandbox}): opened in its
 * own tab, an SVG or HTML file runs no script and reaches nothing. Never cached (it is PHI).
 */
public final class AttachmentDownload implements DownloadHandler {

    private final transient Supplier<Optional<byte[]>> content;
    private final String storedType;
    private final String fileName;

    /**
     * @param content    reads the content when it is asked for (empty: it is gone, answered 404)
     * @param storedType the type stored with it
     * @param fileName   the name it came with, or null
     */
    public AttachmentDownload(Supplier<Optional<byte[]>> content, String storedType, String fileName) {
        this.content = content;
        this.storedType = storedType;
        this.fileName = InlinePictures.safeFileName(fileName);
    }

    @Override
    public void handleDownloadRequest(DownloadEvent event) throws IOException {
        VaadinResponse response = event.getResponse();
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Content-Security-Policy", InlinePictures.ATTACHMENT_POLICY);
        response.setHeader("Cache-Control", "no-store");
        Optional<byte[]> found = content.get();
        if (found.isEmpty()) {
            response.setStatus(404);
            return;
        }
        byte[] data = found.get();
        boolean picture = InlinePictures.pictureType(data).isPresent();
        response.setContentType(InlinePictures.typeToServe(storedType, data));
        response.setHeader("Content-Disposition", (picture ? "inline" : "attachment") + "; filename=\"" + fileName
                + "\"");
        response.setContentLengthLong(data.length);
        try (OutputStream out = event.getOutputStream()) {
            out.write(data);
        }
    }
}

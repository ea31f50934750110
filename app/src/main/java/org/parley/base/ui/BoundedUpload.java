package org.parley.base.ui;

import com.vaadin.flow.server.streams.UploadEvent;
import com.vaadin.flow.server.streams.UploadHandler;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.Consumer;

/**
 * An upload held in memory up to a limit enforced on the server: the browser's limit ({@code Upload.setMaxFileSize})
 * is only a courtesy a script can skip. A file over the limit is refused while it is read (never read whole), the
 * receiver never sees it, so nothing is stored, and the person is told why. Far larger requests are cut off by
 * Vaadin before they are read ({@link #getRequestSizeMax()}).
 */
public final class BoundedUpload implements UploadHandler {

    /** Gets a file that is within the limit. */
    @FunctionalInterface
    public interface Receiver {
        void receive(String fileName, byte[] data);
    }

    private final long maxBytes;
    private final String tooLarge;
    private final transient Receiver receiver;
    private final transient Consumer<String> refused;

    /**
     * @param maxBytes the largest file taken
     * @param tooLarge what the person is told of a larger one, e.g. "The file is larger than 20 MB."
     * @param receiver gets a file within the limit (on the upload's request thread, without the UI's lock)
     * @param refused  gets {@code tooLarge} when a file was refused (on the upload's request thread)
     */
    public BoundedUpload(long maxBytes, String tooLarge, Receiver receiver, Consumer<String> refused) {
        if (maxBytes < 1) {
            throw new IllegalArgumentException("an upload limit must be at least one byte");
        }
        this.maxBytes = maxBytes;
        this.tooLarge = tooLarge;
        this.receiver = receiver;
        this.refused = refused;
    }

    @Override
    public void handleUploadRequest(UploadEvent event) throws IOException {
        if (event.getFileSize() > maxBytes) {
            refuse(event);
            return;
        }
        byte[] data = readAtMost(event.getInputStream(), maxBytes);
        if (data == null) {
            refuse(event);
            return;
        }
        receiver.receive(event.getFileName(), data);
    }

    private void refuse(UploadEvent event) {
        event.reject(tooLarge);
        refused.accept(tooLarge);
    }

    /** The whole stream, or null as soon as it is longer than {@code max}. */
    static byte[] readAtMost(InputStream in, long max) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        long total = 0;
        int read;
        while ((read = in.read(buffer)) != -1) {
            total += read;
            if (total > max) {
                return null;
            }
            out.write(buffer, 0, read);
        }
        return out.toByteArray();
    }

    /** A file a little over the limit still gets the clear message; a far larger request is not read at all. */
    @Override
    public long getFileSizeMax() {
        return maxBytes + 1024 * 1024;
    }

    @Override
    public long getRequestSizeMax() {
        return maxBytes + 2 * 1024 * 1024;
    }

    /** The limit. */
    public long maxBytes() {
        return maxBytes;
    }
}

package org.parley.base;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import org.springframework.util.unit.DataSize;

/**
 * Reads a request's body for endpoints that take it whole (webhooks, the sandbox carrier), never more than a limit:
 * a few large posts must not fill the heap. A body announced larger than the limit is refused before any of it is
 * read; one that turns out larger while it is read is refused as soon as it passes the limit.
 */
public final class RequestBodies {

    /** The body is larger than the endpoint takes: answer 413. */
    public static final class TooLarge extends Exception {

        private final DataSize limit;

        TooLarge(DataSize limit) {
            super("the request body is larger than " + limit.toBytes() + " bytes");
            this.limit = limit;
        }

        public DataSize limit() {
            return limit;
        }
    }

    private RequestBodies() {
    }

    public static byte[] read(HttpServletRequest request, DataSize limit) throws IOException, TooLarge {
        long max = limit.toBytes();
        if (request.getContentLengthLong() > max) {
            throw new TooLarge(limit);
        }
        try (InputStream in = request.getInputStream()) {
            byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
            if (body.length > max) {
                throw new TooLarge(limit);
            }
            return body;
        }
    }
}

package org.parley.line;

import java.net.URI;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Optional;
import org.parley.plugin.Media;

/**
 * The media one webhook announced but Parley could not fetch while reading it. The plugin gets a placeholder in
 * place of each (so the patient's text is still stored, and the webhook answered 200), and intake stores the
 * placeholder as "could not be fetched" with a background fetch of {@link Pending#uri()}. A placeholder is known by
 * the identity of its (empty) content array, which a plugin passes on when it relabels the media's type.
 */
public final class UnfetchedMedia {

    /**
     * A placeholder's source.
     *
     * @param uri       where the provider said the media is
     * @param retryable false when Parley refuses the URL itself (fetching again changes nothing)
     * @param reason    why it could not be fetched, without the URL
     */
    public record Pending(URI uri, boolean retryable, String reason) {
    }

    private final Map<byte[], Pending> placeholders = new IdentityHashMap<>();

    /** None: what reading a webhook starts with. */
    public static UnfetchedMedia none() {
        return new UnfetchedMedia();
    }

    Media placeholder(URI uri, boolean retryable, String reason) {
        byte[] marker = new byte[0];
        placeholders.put(marker, new Pending(uri, retryable, reason));
        return Media.of("application/octet-stream", fileName(uri), marker);
    }

    /** Where a placeholder's media is, or empty for media that was fetched. */
    public Optional<Pending> pending(Media media) {
        return media.data() == null ? Optional.empty() : Optional.ofNullable(placeholders.get(media.data()));
    }

    private static String fileName(URI uri) {
        String path = uri.getPath() == null ? "" : uri.getPath();
        String last = path.substring(path.lastIndexOf('/') + 1);
        return last.isBlank() ? null : last;
    }
}

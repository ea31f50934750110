package org.parley.conversation.media;

import org.parley.attachment.InlinePictures;

/**
 * A message's attachment as the thread shows it.
 *
 * @param tooLarge   true when Parley holds no content: too large to keep, or not fetched (see {@code fetchState})
 * @param fetchState null for media Parley holds or left for its size; {@link MessageMedia#PENDING} while it is
 *                   fetched again from the provider; {@link MessageMedia#FAILED} once that was given up
 */
public record MediaInfo(long id, String contentType, String fileName, long sizeBytes, boolean tooLarge,
                        String fetchState) {

    public MediaInfo(long id, String contentType, String fileName, long sizeBytes, boolean tooLarge) {
        this(id, contentType, fileName, sizeBytes, tooLarge, null);
    }

    /**
     * Whether the thread shows it inline: only the picture kinds Parley recognises by their content (intake stores
     * the type the content showed), never SVG or anything a browser could run.
     */
    public boolean isImage() {
        return !tooLarge && InlinePictures.isInlineType(contentType);
    }

    /** Whether the provider announced it but Parley could not fetch it (still trying, or given up). */
    public boolean isUnfetched() {
        return fetchState != null;
    }

    /** Whether Parley is still trying to fetch it. */
    public boolean isFetchPending() {
        return MessageMedia.PENDING.equals(fetchState);
    }
}

package org.parley.conversation;

/** A message's attachment as the thread shows it. */
public record MediaInfo(long id, String contentType, String fileName, long sizeBytes, boolean tooLarge) {

    /** Whether the thread can show it inline. */
    public boolean isImage() {
        return !tooLarge && contentType.startsWith("image/");
    }
}

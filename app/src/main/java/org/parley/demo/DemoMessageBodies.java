package org.parley.demo;

import java.util.List;
import org.parley.encryption.BulkEncryption;
import org.parley.encryption.WordHashes;
import org.springframework.stereotype.Component;

/** How a demo message's text is stored: encrypted and word-indexed, as the app itself stores it. */
@Component
class DemoMessageBodies {

    private final BulkEncryption encryption;
    private final WordHashes words;

    DemoMessageBodies(BulkEncryption encryption, WordHashes words) {
        this.encryption = encryption;
        this.words = words;
    }

    /** A message's text as {@code message.body} holds it. */
    String stored(String text) {
        return encryption.encryptText("message", "body", text);
    }

    /** A conversation's preview as {@code conversation.last_preview} holds it (bound to that column). */
    String preview(String text) {
        return encryption.encryptText("conversation", "last_preview", text);
    }

    List<String> wordHashes(String text) {
        return words.hashesOf(text);
    }
}

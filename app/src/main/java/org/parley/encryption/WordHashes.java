package org.parley.encryption;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import org.springframework.stereotype.Component;

/**
 * Keyed hashes of the words of a text, for searching text that is stored encrypted: a word index holds
 * {@code HMAC-SHA256(index key, word)} (first 16 bytes, hex) instead of the word, and a search hashes the words it is
 * given the same way.
 *
 * <p>A word is a run of letters and digits, at least {@value #MIN_LENGTH} long, compared without case and accents
 * ("Café" and "cafe" are one word) and cut at {@value #MAX_LENGTH} characters. So a search finds whole words only:
 * not parts of words, prefixes, misspellings or phrases. Prefixes were left out on purpose: indexing every prefix
 * would multiply the index and hand someone holding a copy of the database short, frequent hashes to count.
 *
 * <p>The index key lives in the key file beside the encryption keys. Without it nobody can tell which word a hash
 * stands for, but equal words have equal hashes, so the index shows which messages share a word.
 */
@Component
public class WordHashes {

    /** Shorter words are not indexed: they would match nearly every conversation. */
    public static final int MIN_LENGTH = 2;
    /** Longer words are cut to this length, in the index and in searches alike. */
    public static final int MAX_LENGTH = 40;

    private static final Pattern NOT_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final int HASH_BYTES = 16;

    private final KeyRing keys;

    WordHashes(KeyRing keys) {
        this.keys = keys;
    }

    /** The distinct hashes of a text's words, in the order they first appear; empty for a text without words. */
    public List<String> hashesOf(String text) {
        List<String> words = wordsOf(text);
        if (words.isEmpty()) {
            return List.of();
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(keys.indexKey());
            List<String> hashes = new ArrayList<>(words.size());
            for (String word : words) {
                byte[] hash = mac.doFinal(word.getBytes(StandardCharsets.UTF_8));
                hashes.add(HexFormat.of().formatHex(hash, 0, HASH_BYTES));
            }
            return hashes;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available in this Java runtime", e);
        }
    }

    /** The distinct normalised words of a text (what {@link #hashesOf} hashes). */
    static List<String> wordsOf(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        String folded = MARKS.matcher(Normalizer.normalize(text, Normalizer.Form.NFKD)).replaceAll("")
                .toLowerCase(Locale.ROOT);
        Set<String> words = new LinkedHashSet<>();
        for (String word : NOT_WORD.split(folded)) {
            int length = word.codePointCount(0, word.length());
            if (length >= MIN_LENGTH) {
                words.add(length > MAX_LENGTH ? word.substring(0, word.offsetByCodePoints(0, MAX_LENGTH)) : word);
            }
        }
        return List.copyOf(words);
    }
}

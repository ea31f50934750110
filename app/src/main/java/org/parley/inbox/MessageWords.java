package org.parley.inbox;

import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import java.util.List;
import org.parley.encryption.WordHashes;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Search in message text, which is stored encrypted: by whole words, through the word index ({@code message_word},
 * entity {@code MessageWord}). A word is what {@link WordHashes} says (letters and digits, 2 or more, without case or
 * accents); no parts of words, prefixes or fuzzy matches.
 *
 * <p>To search in a query of your own, hash the words with {@link #hashesOf} and require each hash, e.g. in JPQL:
 * <pre>{@code
 * exists (select w.messageId from MessageWord w where w.conversationId = c.id and w.wordHash = :h0)
 * }</pre>
 */
@Service
public class MessageWords {

    /** More words than this in one search: the rest are ignored (each costs a lookup). */
    public static final int MAX_WORDS = 10;

    private final WordHashes hashes;
    private final EntityManager entityManager;

    MessageWords(WordHashes hashes, EntityManager entityManager) {
        this.hashes = hashes;
        this.entityManager = entityManager;
    }

    /** The hashes to look up for what someone typed, one per distinct word; empty when it has no word. */
    public List<String> hashesOf(String query) {
        List<String> all = hashes.hashesOf(query);
        return all.size() > MAX_WORDS ? all.subList(0, MAX_WORDS) : all;
    }

    /**
     * Conversations with every word of {@code query} in their messages (in one message or several), newest activity
     * first; none when the query has no word.
     */
    @Transactional(readOnly = true)
    public List<Long> conversationsWithAllWords(String query, int offset, int limit) {
        List<String> words = hashesOf(query);
        if (words.isEmpty() || limit <= 0) {
            return List.of();
        }
        TypedQuery<Long> found = entityManager.createQuery("select c.id from Conversation c where "
                + allWords(words.size()) + " order by c.lastActivityAt desc, c.id desc", Long.class);
        bind(found, words);
        return found.setFirstResult(offset).setMaxResults(limit).getResultList();
    }

    /** How many conversations {@link #conversationsWithAllWords} finds. */
    @Transactional(readOnly = true)
    public long countConversationsWithAllWords(String query) {
        List<String> words = hashesOf(query);
        if (words.isEmpty()) {
            return 0;
        }
        TypedQuery<Long> count = entityManager.createQuery("select count(c) from Conversation c where "
                + allWords(words.size()), Long.class);
        bind(count, words);
        return count.getSingleResult();
    }

    private static String allWords(int count) {
        StringBuilder where = new StringBuilder();
        for (int i = 0; i < count; i++) {
            where.append(i == 0 ? "" : " and ").append("exists (select w.messageId from MessageWord w ")
                    .append("where w.conversationId = c.id and w.wordHash = :h").append(i).append(')');
        }
        return where.toString();
    }

    private static void bind(TypedQuery<Long> query, List<String> words) {
        for (int i = 0; i < words.size(); i++) {
            query.setParameter("h" + i, words.get(i));
        }
    }
}

package org.parley.base.ui;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.parley.base.LiveUpdate;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AssignableTypeFilter;
import org.springframework.util.ClassUtils;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A live update as the text of a PostgreSQL notification: {@code {"t":"conversation.ConversationChanged","v":{...}}}.
 * Only the {@link LiveUpdate} records of Parley's own packages are known (found once on the class path), so a payload
 * can never name another class. Every such record carries ids, counts, enums and Parley's own words, never PHI
 * ({@code LiveUpdatesCarryNoPhiTest} keeps it so); PostgreSQL limits a payload to 8000 bytes, these take under 200.
 */
final class LiveUpdateWire {

    /** PostgreSQL refuses payloads of 8000 bytes or more; we stay well below. */
    static final int MAX_PAYLOAD_BYTES = 7900;

    private static final String ROOT = "org.parley.";

    private final JsonMapper json = JsonMapper.builder()
            // A node of a newer release may send a field this one does not know yet (rolling upgrade).
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();
    private final Map<String, Class<? extends LiveUpdate>> types;

    LiveUpdateWire() {
        this.types = parleysLiveUpdates();
    }

    /** The payload, or empty when the update is local only or too large for a notification. */
    Optional<String> encode(LiveUpdate update) {
        String key = keyOf(update.getClass());
        if (!types.containsKey(key)) {
            return Optional.empty();
        }
        ObjectNode payload = json.createObjectNode();
        payload.put("t", key);
        payload.set("v", json.valueToTree(update));
        String text = json.writeValueAsString(payload);
        return text.getBytes(StandardCharsets.UTF_8).length <= MAX_PAYLOAD_BYTES ? Optional.of(text)
                : Optional.empty();
    }

    /** The update a payload names; a payload of an unknown kind is an {@link IllegalArgumentException}. */
    LiveUpdate decode(String payload) {
        JsonNode tree;
        try {
            tree = json.readTree(payload);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("a live update payload is not JSON");
        }
        Class<? extends LiveUpdate> type = types.get(tree.path("t").asString(""));
        if (type == null) {
            throw new IllegalArgumentException("a live update payload names no known kind");
        }
        try {
            return json.treeToValue(tree.path("v"), type);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("a live update payload of kind " + type.getSimpleName()
                    + " does not fit it");
        }
    }

    /** The kinds of update that travel between nodes, by their key. */
    Map<String, Class<? extends LiveUpdate>> types() {
        return types;
    }

    private static String keyOf(Class<?> type) {
        return type.getName().startsWith(ROOT) ? type.getName().substring(ROOT.length()) : type.getName();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Class<? extends LiveUpdate>> parleysLiveUpdates() {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AssignableTypeFilter(LiveUpdate.class));
        Map<String, Class<? extends LiveUpdate>> found = new TreeMap<>();
        for (var candidate : scanner.findCandidateComponents(ROOT.substring(0, ROOT.length() - 1))) {
            Class<?> type = ClassUtils.resolveClassName(candidate.getBeanClassName(), LiveUpdate.class.getClassLoader());
            // Records only: their components are all they carry, and the PHI test reads exactly those.
            if (type.isRecord() && type != LiveUpdates.Resync.class) {
                found.put(keyOf(type), (Class<? extends LiveUpdate>) type);
            }
        }
        return Map.copyOf(found);
    }
}

package org.parley.routing;

import java.util.Arrays;
import java.util.List;

/**
 * A routing rule. Conditions that are {@code null} (or no words) do not narrow; at least one condition and one action
 * are set.
 *
 * @param id           the rule's id, or 0 for a rule not saved yet
 * @param name         what the admin calls it, e.g. "Refills to the nurses"
 * @param words        the patient's text must contain one of these (whole words, any case); empty for no condition
 * @param patientTagId the patient must have this tag on one of their conversations, or {@code null}
 * @param lineId       the conversation must be on this line, or {@code null}
 * @param toListId     the list to put the conversation in, or {@code null}
 * @param addTagId     the tag to put on the conversation, or {@code null}
 */
public record RoutingRule(long id, String name, List<String> words, Long patientTagId, String lineId, Long toListId,
                          Long addTagId) {

    public RoutingRule {
        words = words == null ? List.of() : List.copyOf(words);
    }

    /** The words as the admin types them: separated by commas. */
    public String wordsText() {
        return String.join(", ", words);
    }

    /** Words typed as one text, separated by commas (blanks dropped). */
    public static List<String> words(String typed) {
        if (typed == null) {
            return List.of();
        }
        return Arrays.stream(typed.split(",")).map(w -> w.strip().replaceAll("\\s+", " "))
                .filter(w -> !w.isEmpty()).toList();
    }
}

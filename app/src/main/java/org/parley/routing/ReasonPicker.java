package org.parley.routing;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A line's reason picker: the question the first automatic reply of a new conversation asks, and the reasons the
 * patient answers with 1, 2 or 3.
 *
 * @param lineId   the line whose new conversations are asked
 * @param question the words before the numbered reasons, e.g. "To reach the right person, reply with a number:"
 * @param reasons  two or three, numbered from 1
 */
public record ReasonPicker(String lineId, String question, List<Reason> reasons) {

    public ReasonPicker {
        reasons = reasons == null ? List.of() : List.copyOf(reasons);
    }

    /**
     * One reason.
     *
     * @param choice   what the patient answers: 1, 2 or 3
     * @param label    in the patient's words, e.g. "Refill"
     * @param toListId the list the conversation goes to, or {@code null}
     * @param addTagId the tag put on the conversation, or {@code null}
     */
    public record Reason(int choice, String label, Long toListId, Long addTagId) {
    }

    /** The text the patient gets: the question, then one line per reason ("1 Refill"). */
    public String text() {
        return question + "\n" + reasons.stream().map(r -> r.choice() + " " + r.label())
                .collect(Collectors.joining("\n"));
    }

    /** The reason a patient's answer names, if it names one. */
    public Optional<Reason> reason(int choice) {
        return reasons.stream().filter(r -> r.choice() == choice).findFirst();
    }

    /** What Parley answers once the patient chose. */
    public static String acknowledgement(Reason reason) {
        return "Thank you: we have passed your message on (" + reason.label() + ").";
    }
}

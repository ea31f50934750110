package org.parley.chart;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.parley.conversation.content.MessageContent;
import org.parley.conversation.content.MessageContents;
import org.parley.patient.ContactService;
import org.parley.patient.ContactSummary;
import org.parley.plugin.ChartExport;
import org.parley.plugin.ChartStaff;
import org.parley.security.StaffDirectory;
import org.parley.security.StaffMember;
import org.springframework.stereotype.Component;

/**
 * Reads what a chart export is made of from the features that own it (the conversation's patient, the messages,
 * their authors) and applies {@link ChartExportBuilder}'s rules. Read again at every try, so a patient whose MRN was
 * corrected after a refusal goes out with the right one.
 */
@Component
class ChartExportSources {

    private final MessageContents contents;
    private final ContactService contacts;
    private final StaffDirectory staff;

    ChartExportSources(MessageContents contents, ContactService contacts, StaffDirectory staff) {
        this.contents = contents;
        this.contacts = contacts;
        this.staff = staff;
    }

    /** An export ready to hand to an exporter, or why it cannot go. */
    sealed interface Assembled {

        /** Ready: the export, and the patient it is for. */
        record Ready(ChartExport export, long patientId) implements Assembled {
        }

        /** Refused by Parley's rules, with a reason staff can act on. */
        record Refused(String reason) implements Assembled {
        }
    }

    /** The requesting staff member as a chart names them. */
    ChartStaff chartStaff(StaffMember member) {
        return new ChartStaff(member.username(), member.displayName());
    }

    /**
     * Assembles the export for a previewed request.
     *
     * @throws IllegalArgumentException when a message is not in the conversation
     */
    Assembled assemble(ExportRequest request, ChartStaff by) {
        ContactSummary contact = contacts.find(contents.contactOf(request.conversationId())).orElse(null);
        List<MessageContent> messages = request.messageIds().isEmpty() ? List.of()
                : contents.of(request.conversationId(), request.messageIds());
        Optional<String> refusal = ChartExportBuilder.refusal(contact, messages);
        if (refusal.isPresent()) {
            return new Assembled.Refused(refusal.get());
        }
        Map<Long, String> names = new HashMap<>();
        messages.stream().map(MessageContent::authorId).filter(Objects::nonNull).distinct().forEach(id ->
                staff.find(id).ifPresent(member -> names.put(id, member.displayName())));
        return new Assembled.Ready(ChartExportBuilder.build(request.exportId(), contact, messages, names, by,
                request.category(), request.comment(), request.requestedAt()), contact.id());
    }

    /** The staff member who asked for an export, as the chart names them (accounts are never deleted). */
    ChartStaff chartStaff(long staffUserId) {
        return staff.find(staffUserId).map(this::chartStaff)
                .orElse(new ChartStaff("staff-" + staffUserId, "Former staff"));
    }
}

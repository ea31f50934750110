package org.parley.inbox.ui;

import java.time.Clock;
import org.parley.assignment.AssignmentService;
import org.parley.attachment.ReplyAttachments;
import org.parley.chart.ui.CopyToChart;
import org.parley.conversation.ConversationService;
import org.parley.conversation.MessageDeletion;
import org.parley.conversation.MessageMoves;
import org.parley.conversation.Notes;
import org.parley.conversation.Replies;
import org.parley.conversation.ScheduledReplies;
import org.parley.lists.ListService;
import org.parley.patient.ContactService;
import org.parley.securemessage.SecureMessages;
import org.parley.security.StaffDirectory;
import org.parley.security.StaffMember;
import org.parley.tag.TagService;
import org.parley.template.TemplateService;
import org.springframework.stereotype.Component;

/**
 * What the parts of an opened conversation use: the inbox view opens a conversation here and need not carry the
 * services, and each part takes the ones it needs.
 */
@Component
class ConversationPanels {

    final ConversationService conversations;
    final Replies replies;
    final Notes notes;
    final MessageDeletion deletion;
    final MessageMoves moves;
    final AssignmentService assignments;
    final ListService lists;
    final StaffDirectory staff;
    final ContactService contacts;
    final TemplateService templates;
    final ReplyAttachments replyAttachments;
    final CopyToChart copyToChart;
    final ScheduledReplies scheduledReplies;
    final SecureMessages secureMessages;
    final TagService tags;

    ConversationPanels(ConversationService conversations, Replies replies, Notes notes, MessageDeletion deletion,
                       MessageMoves moves, AssignmentService assignments, ListService lists, StaffDirectory staff,
                       ContactService contacts, TemplateService templates, ReplyAttachments replyAttachments,
                       CopyToChart copyToChart, ScheduledReplies scheduledReplies,
                       SecureMessages secureMessages, TagService tags) {
        this.tags = tags;
        this.conversations = conversations;
        this.replies = replies;
        this.notes = notes;
        this.deletion = deletion;
        this.moves = moves;
        this.assignments = assignments;
        this.lists = lists;
        this.staff = staff;
        this.contacts = contacts;
        this.templates = templates;
        this.replyAttachments = replyAttachments;
        this.copyToChart = copyToChart;
        this.scheduledReplies = scheduledReplies;
        this.secureMessages = secureMessages;
    }

    /**
     * Opens {@code conversationId} for {@code me} (audited as a view), its times shown on {@code clock}.
     *
     * @throws java.util.NoSuchElementException when there is no such conversation
     * @throws org.springframework.security.access.AccessDeniedException when {@code me} may not open it
     */
    ConversationPanel open(StaffMember me, long conversationId, Clock clock) {
        return new ConversationPanel(this, me, conversationId, clock);
    }
}

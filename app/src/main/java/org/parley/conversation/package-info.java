/**
 * Conversations and their messages: the entities and what staff do in one conversation (open it, read its thread,
 * reply, write a note with mentions, delete their own words, move or copy a message to a family member), the
 * routing of a new conversation to its list, the word index written with every message's text
 * ({@code MessageWordIndex}, table {@code message_word}; the text itself is encrypted), and the automatic lines
 * that consent changes leave in a thread ({@code ConsentKeeping}). Public: one service per job, {@link
 * org.parley.conversation.ConversationService} (open and read a conversation), {@link
 * org.parley.conversation.Replies}, {@link org.parley.conversation.Notes}, {@link
 * org.parley.conversation.MessageDeletion}, {@link org.parley.conversation.MessageMoves}, {@link org.parley.conversation.MessageContents} (messages in full,
 * attachments' bytes included, for features that copy them elsewhere such as a patient's chart), the records they
 * take and return, and the events {@link org.parley.conversation.ConversationChanged}, {@link
 * org.parley.conversation.PatientMessageArrived} and {@code OutboundQueued}. The entities and repositories are public
 * for the features that write messages ({@code intake}, {@code outbound}, {@code assignment}) and the inbox's
 * queries; views never touch them.
 *
 * <p>Larger than the 25 types a package should hold (36): the conversation and message entities with their states,
 * the services of one job each that change them, and the events they publish. The services call the entities'
 * package-private state changes (a message's status, a conversation's reopening); moving the services out would make
 * those changes public to every feature. The next cut, when this grows: the word index ({@code MessageWord},
 * {@code MessageWordIndex}) into a package of its own, which only needs a message's id and text.
 */
package org.parley.conversation;

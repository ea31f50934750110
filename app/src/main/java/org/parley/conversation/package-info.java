/**
 * Conversations and their messages: the entities and what staff do in one conversation (open it, read its thread,
 * reply, schedule a reply, write a note with mentions, delete their own words, move or copy a message to a family
 * member, send the same text to many), and the routing of a new conversation to its list. Public: one service per
 * job, {@link org.parley.conversation.ConversationService} (open and read a conversation), {@link
 * org.parley.conversation.Replies}, {@link org.parley.conversation.ScheduledReplies}, {@link
 * org.parley.conversation.Notes}, {@link org.parley.conversation.MessageDeletion}, {@link
 * org.parley.conversation.MessageMoves}, {@link org.parley.conversation.BulkMessages}, the
 * records they take and return, the word index ({@link org.parley.conversation.MessageWordIndex}, table {@code
 * message_word}; the text itself is encrypted) and the live update {@link
 * org.parley.conversation.ConversationChanged}. The entities and repositories are public for the features that write
 * messages ({@code intake}, {@code outbound}, {@code assignment}) and the inbox's queries; views never touch them.
 *
 * <p>Subpackages: {@code conversation.event} (the events other features listen to), {@code conversation.media} (a
 * message's pictures and files), {@code conversation.content} (messages in full for copying them elsewhere) and {@code
 * conversation.automatic} (the lines Parley writes by itself: consent keywords, after-hours replies, the reason
 * picker's question). The services here stay with the entities: they call the entities' package-private state changes
 * (a message's status, deletion and move, a conversation's reopening), which should not be public to every feature.
 * The word index stays too: every service here writes it, and it reads the message entity, so apart the two packages
 * would use each other in a circle ({@code ArchitectureTest} forbids that).
 */
package org.parley.conversation;

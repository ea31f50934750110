/**
 * The lines Parley writes into a conversation by itself, inside the intake's transaction: {@link
 * org.parley.conversation.automatic.ConsentKeeping} (STOP/START/HELP, texts that may ask to stop, replies that did not
 * arrive), {@link org.parley.conversation.automatic.AfterHoursReplies} (the line's answer outside office hours) and
 * {@link org.parley.conversation.automatic.ReasonQuestions} (the reason picker's question and its answer). All three
 * are public services; what they change on a conversation or message goes through the entities' public methods named
 * for it ({@code Conversation.needsAttention}, {@code Message.automaticReply}, {@code Message.automaticText}).
 */
package org.parley.conversation.automatic;

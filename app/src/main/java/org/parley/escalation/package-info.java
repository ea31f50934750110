/**
 * Unanswered escalation (issue 17): how long each patient has waited for a staff answer, and what happens when a
 * list's response goal passes.
 *
 * <p>A wait is a row of {@code conversation_waiting} from the patient's first unanswered text or voicemail
 * ({@code PatientMessageArrived}, in the intake's transaction) until a staff member's reply is queued
 * ({@code OutboundQueued} of a message with an author; automatic replies do not answer; a scheduled reply answers when
 * it is scheduled, as that is when the event is published) or the conversation is closed
 * ({@code ConversationClosed}). Waiting time counts only the line's office hours ({@link
 * org.parley.hours.OpenTime}); a line without office hours counts every minute.
 *
 * <p>The check ({@code UnansweredEscalation}) is a {@link org.parley.base.RecurringJob}: once per
 * {@code parley.escalation.check-interval} in the whole cluster. A wait past its list's goal (the list the conversation
 * waits in, else the one it waited in when the wait began) is escalated by a conditional update of its
 * {@code escalated_at}: only the update that changed the row goes on, so even two checks at once escalate it once. In
 * that transaction it publishes {@link org.parley.escalation.ConversationEscalated}, which the notification feature
 * turns into a durable notification task (the list's subscribers, or the person the admin chose), and, if the list has
 * an escalation list, moves the conversation there. The conversation list shows each wait ({@link
 * org.parley.escalation.Waits}) and marks escalated ones.
 *
 * <p>Public face: {@link org.parley.escalation.Waits}, {@link org.parley.escalation.Wait}, the event {@link
 * org.parley.escalation.ConversationEscalated} and the settings {@link org.parley.escalation.EscalationSettings}.
 */
package org.parley.escalation;

/**
 * Who holds a conversation: assignment to staff or a list (versioned, optimistic locking, so when two people take a
 * conversation at once one wins and the other is told who has it), escalation to the ombudsman, close and reopen,
 * BLOCKED. Public: {@link org.parley.assignment.AssignmentService} and the event
 * {@link org.parley.assignment.ConversationAssigned}.
 */
package org.parley.assignment;

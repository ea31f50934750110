/**
 * Mentions of colleagues in internal notes: who was named ({@code @username}), when each first read it, and the
 * events {@link org.parley.mention.StaffMentioned} and {@link org.parley.mention.MentionsRead} the bell listens to.
 */
package org.parley.mention;

package org.parley.mention;

import org.parley.base.LiveUpdate;

/**
 * A note mentioned a staff member: they are notified once. Carries ids only.
 *
 * @param staffId        who was mentioned
 * @param conversationId where
 * @param messageId      the note
 * @param byStaffId      who wrote it
 */
public record StaffMentioned(long staffId, long conversationId, long messageId, long byStaffId) implements LiveUpdate {
}

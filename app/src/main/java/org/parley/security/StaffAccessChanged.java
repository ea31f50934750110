package org.parley.security;

import org.parley.base.LiveUpdate;

/**
 * What a staff account may do changed: it was deactivated or reactivated, its role changed, its second factor was
 * reset, or an emergency grant began or was revoked. Every node closes or downgrades the sessions and open tabs it
 * holds for that account (ids only: the account's id).
 */
public record StaffAccessChanged(long staffUserId) implements LiveUpdate {
}

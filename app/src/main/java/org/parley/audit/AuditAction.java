package org.parley.audit;

import java.util.Locale;

/**
 * Every action the audit log records: one catalogue, so that a writer cannot misspell an action, the audit page
 * offers them to filter by, and a reader finds here everything Parley audits. Grouped by the feature that records
 * them. Entries are stored by {@link #name()}; an action is never renamed or removed once released (older entries
 * keep the name they were written with), only added.
 */
public enum AuditAction {

    // audit
    AUDIT_CHAIN_CHECKED,
    AUDIT_EXPORTED,

    // assignment
    CONVERSATION_ASSIGNED,
    CONVERSATION_BLOCKED,
    CONVERSATION_CLOSED,
    CONVERSATION_ESCALATED,
    CONVERSATION_REOPENED,
    CONVERSATION_TAKEN_OVER,
    CONVERSATION_UNBLOCKED,

    // broadcast
    BROADCAST_AUDIENCE_SAVED,
    BROADCAST_CANCELLED,
    BROADCAST_FINISHED,
    BROADCAST_PAUSED,
    BROADCAST_PREPARED,
    BROADCAST_RECIPIENTS,
    BROADCAST_RESUMED,
    BROADCAST_STARTED,

    // chart
    CHART_COPIED,
    CHART_DOCUMENT_DOWNLOADED,
    CHART_EXPORTER_DEFAULT,
    CHART_EXPORTER_SAVED,
    CHART_EXPORT_FAILED,
    CHART_EXPORT_QUEUED,
    CHART_EXPORT_RETRIED,
    CHART_EXPORT_SENT,
    CHART_PREVIEW_DOWNLOADED,

    // compliance
    OPTED_IN,
    OPTED_OUT,

    // conversation
    ATTENTION_HANDLED,
    CONVERSATIONS_COMBINED,
    CONVERSATION_ROUTED,
    CONVERSATION_STARTED,
    CONVERSATION_VIEWED,
    MESSAGE_COPIED,
    MESSAGE_DELETED,
    MESSAGE_MOVED,
    MESSAGE_QUEUED,
    MESSAGE_RESENT,
    MESSAGE_SCHEDULED,
    NOTE_ADDED,
    SCHEDULED_REPLY_CANCELLED,
    SCHEDULED_REPLY_CHANGED,

    // encryption
    ENCRYPTION_KEY_ROTATED,
    REENCRYPTION_FINISHED,
    REENCRYPTION_STARTED,

    // escalation
    CONVERSATION_PAST_RESPONSE_GOAL,

    // getstarted
    GET_STARTED_DISMISSED,

    // hours
    CLOSED_DAY_ADDED,
    CLOSED_DAY_REMOVED,
    OFFICE_HOURS_CHANGED,

    // intake
    MEDIA_FETCHED_LATER,
    MESSAGE_RECEIVED,
    VOICEMAIL_RECEIVED,

    // line
    LINE_SAVED,

    // lists
    LINE_DEFAULT_LIST_SET,
    LIST_CREATED,
    LIST_MEMBERS_CHANGED,
    LIST_RENAMED,
    LIST_RESPONSE_GOAL_SET,
    OMBUDSMAN_SET,

    // outbound
    MEDIA_FETCHED,

    // patient
    DEPENDENT_ADDED,
    DEPENDENT_LINKED,
    DO_NOT_TEXT_SET,
    ORGANISATION_SAVED,
    PATIENTS_IMPORTED,
    PATIENTS_MERGED,
    PATIENT_CREATED,
    PATIENT_IDENTIFIED,
    PATIENT_LANGUAGE_CHANGED,
    PATIENT_NUMBER_DELETED,
    PATIENT_PROFILE_VIEWED,
    PATIENT_UPDATED,

    // practice
    PRACTICE_CHANGED,

    // provider
    PLUGIN_DISABLED,
    PLUGIN_ENABLED,
    PLUGIN_INSTALLED,

    // routing
    ROUTING_RULE_ADDED,
    ROUTING_RULE_CHANGED,
    ROUTING_RULE_DELETED,
    ROUTING_RULE_MOVED,

    // securemessage
    SECURE_ANSWER_RECEIVED,
    SECURE_BROWSERS_FORGOTTEN,
    SECURE_CHECK_FAILED,
    SECURE_CHECK_PASSED,
    SECURE_CHECK_REFUSED,
    SECURE_FILE_DOWNLOADED,
    SECURE_MESSAGE_OPENED,
    SECURE_MESSAGE_SENT,
    SECURE_REMINDER_QUEUED,

    // security
    ACCOUNT_LOCKED,
    ACCOUNT_UNLOCKED,
    EMAIL_CHANGED,
    EMERGENCY_ACCESS_EXPIRED,
    EMERGENCY_ACCESS_GRANTED,
    EMERGENCY_ACCESS_REVOKED,
    FIRST_ADMIN_CREATED,
    LOGIN,
    LOGIN_FAILED,
    LOGOFF_IDLE,
    LOGOUT,
    PASSWORD_ACCEPTED,
    PASSWORD_RESET,
    RECOVERY_CODE_USED,
    ROLE_CHANGED,
    SECURITY_SETTING_CHANGED,
    SESSION_ENDED,
    TWO_FACTOR_ENROLLED,
    TWO_FACTOR_RESET,
    USER_CREATED,
    USER_DEACTIVATED,
    USER_REACTIVATED,

    // tag
    TAG_ADDED,
    TAG_CHANGED,
    TAG_CREATED,
    TAG_DELETED,
    TAG_REMOVED,

    // template
    TEMPLATE_CHANGED,
    TEMPLATE_CREATED,
    TEMPLATE_DELETED;

    /** How the audit page shows the action: "Conversation viewed" for {@code CONVERSATION_VIEWED}. */
    public String label() {
        String words = name().replace('_', ' ').toLowerCase(Locale.ROOT);
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }
}

/**
 * Events the conversation feature publishes for others, each carrying ids only: {@link
 * org.parley.conversation.event.PatientMessageArrived} (notifications, escalation), {@link
 * org.parley.conversation.event.OutboundQueued} and {@link org.parley.conversation.event.OutboundAccepted} (the
 * sending queue), {@link org.parley.conversation.event.ConversationsCombined} (features keeping rows per
 * conversation). All public. {@link org.parley.conversation.ConversationChanged} stays at the feature's root: it
 * travels between nodes under its package and name ({@code base.ui.LiveUpdateWire}), which a move would change for
 * nodes of the previous release during a rolling upgrade.
 */
package org.parley.conversation.event;

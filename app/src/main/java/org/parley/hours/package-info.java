/**
 * Office hours per line: a weekly schedule and named closed days (holidays), in the practice's time zone, and the
 * texts a patient gets when writing outside them. Admins edit them on the Office hours page; every change is audited.
 * Public: {@link org.parley.hours.OfficeHours} (read and change; {@link org.parley.hours.OfficeHours#afterHoursReply}
 * answers what to say at a moment), the records {@link org.parley.hours.LineHours},
 * {@link org.parley.hours.ClosedDay}, and the settings {@link org.parley.hours.HoursSettings}. The conversation feature
 * decides whether a text gets the reply ({@code AfterHoursReplies}); this feature knows no conversation.
 */
package org.parley.hours;

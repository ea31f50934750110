/**
 * The practice itself: its name (said in the automatic STOP/START/HELP answers, filled into templates as
 * {@code {practice.name}}, printed on chart documents) and its time zone (for times written into chart documents).
 * Set by admins on the Practice page and asked at the first run; until then the {@code parley.practice.*}
 * properties hold. Public: {@link org.parley.practice.PracticeProfiles} and {@link org.parley.practice.Practice}.
 */
package org.parley.practice;

/**
 * Reports for admins (issue 18): over a date range in the practice's time zone, per line, list or staff member,
 * messages in and out per day, first answers (median and 90th percentile in office hours, share over an hour), the
 * open backlog by age, the busiest hours of the week and chart exports. Every figure is one SQL aggregate over indexed
 * columns (V75), never messages loaded into Java. Public: {@link org.parley.report.Reports} and the records it
 * returns; charts and tables in {@code report.ui}.
 */
package org.parley.report;

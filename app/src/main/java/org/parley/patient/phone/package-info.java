/**
 * Phone numbers as people type them and as staff read them, with libphonenumber: {@link
 * org.parley.patient.phone.PhoneNumbers} reads a typed number into E.164 ({@code parley.phone.default-region}, {@code
 * PhoneSettings}), {@link org.parley.patient.phone.PhoneFormat} shows one. Both public.
 */
package org.parley.patient.phone;

package org.parley.patient.phone;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How phone numbers are read ({@code parley.phone.*}). Checked at start by {@link PhoneNumbers}.
 *
 * @param defaultRegion the region (e.g. US, CA) of numbers typed without a country code
 */
@ConfigurationProperties("parley.phone")
record PhoneSettings(@DefaultValue("US") String defaultRegion) {
}

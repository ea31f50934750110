package org.parley.getstarted;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Get started settings ({@code parley.get-started.*}).
 *
 * @param landAdmins whether an admin opening the start page lands on the checklist while it is neither done nor
 *                   dismissed; the test suite turns it off (its tests expect the inbox), an installer may too
 */
@ConfigurationProperties("parley.get-started")
public record GetStartedSettings(@DefaultValue("true") boolean landAdmins) {
}

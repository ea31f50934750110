package org.parley.simulator;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The sandbox carrier and the Patient phone page ({@code parley.simulator.*}).
 *
 * @param enabled whether they exist: on in the embedded setup, off in production
 */
@ConfigurationProperties("parley.simulator")
public record SimulatorSettings(@DefaultValue("false") boolean enabled) {
}

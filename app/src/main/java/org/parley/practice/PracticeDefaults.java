package org.parley.practice;

import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The practice's name and time zone until an admin sets them in the app.
 *
 * @param name     {@code parley.practice.name}; default "the practice"
 * @param timeZone {@code parley.practice.time-zone}; default the server's zone
 */
@ConfigurationProperties("parley.practice")
record PracticeDefaults(String name, ZoneId timeZone) {

    PracticeDefaults {
        name = name == null || name.isBlank() ? "the practice" : name.strip();
        timeZone = timeZone == null ? ZoneId.systemDefault() : timeZone;
    }
}

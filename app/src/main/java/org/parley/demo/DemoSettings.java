package org.parley.demo;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Fictional demo data filled in at start ({@code parley.demo.*}); nothing happens unless {@code patients} is set.
 *
 * @param patients how many demo patients the database should hold
 * @param messages how many demo messages; 0 means ten per patient
 */
@ConfigurationProperties("parley.demo")
record DemoSettings(@DefaultValue("0") int patients, @DefaultValue("0") int messages) {

    DemoSettings {
        if (patients < 0 || messages < 0) {
            throw new IllegalStateException("parley.demo.patients and parley.demo.messages must not be negative");
        }
    }
}

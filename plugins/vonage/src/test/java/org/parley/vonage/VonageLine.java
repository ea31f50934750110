package org.parley.vonage;

import java.net.URI;
import java.util.Map;
import org.parley.plugin.testkit.FakeLine;

/** A Vonage line as the app would hand it over (the test kit's fake line), fetching media from the stand-in. */
final class VonageLine {

    static final String NUMBER = "+14155550100";
    static final URI BASE = URI.create("https://parley.example");

    private VonageLine() {
    }

    /** The line with these settings. */
    static FakeLine with(Map<String, String> settings) {
        return FakeLine.of("front-desk", NUMBER).withPublicBase(BASE).withAll(settings);
    }
}

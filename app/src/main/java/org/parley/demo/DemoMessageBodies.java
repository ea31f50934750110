package org.parley.demo;

import org.springframework.stereotype.Component;

/** How a demo message's text is stored: as the app itself would store it. */
@Component
class DemoMessageBodies {

    String stored(String text) {
        return text;
    }
}

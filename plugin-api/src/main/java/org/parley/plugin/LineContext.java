package org.parley.plugin;

import java.net.URI;

/**
 * What a plugin is told about the line it serves: the one object through which it reaches the app.
 * The app builds a new one per call; a plugin should not keep it.
 */
public interface LineContext {

    /** The line's id, as used in its webhook URLs. */
    String lineId();

    /** The line's phone number in E.164, e.g. {@code +19292038684}. */
    String number();

    /** The admin's settings for this line. */
    Settings settings();

    /** The public address the provider must call for {@code event}: {@code {public-base-url}/webhooks/{line}/{event}}. */
    URI webhookUrl(String event);

    /** The public base address of this Parley, as configured in {@code parley.public-base-url}. */
    URI publicBaseUrl();

    /** Fetches media the provider announces. */
    MediaFetcher media();
}

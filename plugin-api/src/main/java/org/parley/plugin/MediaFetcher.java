package org.parley.plugin;

import java.net.URI;
import java.util.Map;

/**
 * Fetches media a provider announces by URL (an inbound picture, a voicemail recording). The app
 * enforces its size limit and time-outs; a plugin adds only the headers its provider needs.
 */
public interface MediaFetcher {

    /**
     * Fetches the media at {@code uri}.
     *
     * @param headers request headers, e.g. the provider's {@code Authorization}
     * @return the media; {@link Media#isTooLarge()} when it exceeded the app's limit
     * @throws MediaFetchException when it could not be fetched
     */
    Media fetch(URI uri, Map<String, String> headers) throws MediaFetchException;
}

package org.parley.provider;

import org.parley.plugin.MediaFetchException;

/**
 * A media URL Parley will not fetch at all (not https, not the provider's host, a private address): asking again
 * later changes nothing, unlike a host that failed.
 */
public class MediaRefused extends MediaFetchException {

    MediaRefused(String reason) {
        super(reason);
    }
}

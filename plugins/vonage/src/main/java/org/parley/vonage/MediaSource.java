package org.parley.vonage;

import java.net.URI;
import org.parley.plugin.Media;
import org.parley.plugin.MediaFetchException;

/** Fetches media Vonage announced, with whatever authorization Vonage wants for it. */
@FunctionalInterface
interface MediaSource {

    Media fetch(URI uri) throws MediaFetchException;
}

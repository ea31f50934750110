package org.parley.plugin;

/** Media could not be fetched from the provider. The message names the cause, never content. */
public class MediaFetchException extends Exception {

    /** With a reason a person can act on. */
    public MediaFetchException(String reason) {
        super(reason);
    }

    /** With a reason and the underlying cause. */
    public MediaFetchException(String reason, Throwable cause) {
        super(reason, cause);
    }
}

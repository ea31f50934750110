package org.parley.encryption;

/**
 * An encrypted value could not be read: it was changed, or it was encrypted under a key the key file does not hold
 * (or holds a different key under that id). The message names the key id and the key file, never the value.
 */
public class DecryptionFailedException extends RuntimeException {

    DecryptionFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}

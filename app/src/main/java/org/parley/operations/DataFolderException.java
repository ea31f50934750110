package org.parley.operations;

import java.nio.file.Path;

/** A folder Parley must write cannot be written; nothing was created in it. */
class DataFolderException extends IllegalStateException {

    private final Path folder;
    private final String purpose;
    private final String reason;

    DataFolderException(Path folder, String purpose, String reason) {
        super("Parley cannot write its data folder " + folder + " (for " + purpose + "): " + reason);
        this.folder = folder;
        this.purpose = purpose;
        this.reason = reason;
    }

    Path folder() {
        return folder;
    }

    String purpose() {
        return purpose;
    }

    String reason() {
        return reason;
    }
}

package org.parley.operations;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns {@link DataFolderException} into Spring Boot's "APPLICATION FAILED TO START" report: what, and what to do. */
class DataFolderFailureAnalyzer extends AbstractFailureAnalyzer<DataFolderException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, DataFolderException cause) {
        String account = System.getProperty("user.name");
        return new FailureAnalysis(cause.getMessage() + ". Nothing was created.",
                "Give Parley's account (" + account + ") a folder it can write, for example\n\n    mkdir -p "
                        + cause.folder() + " && chown " + account + " " + cause.folder()
                        + "\n\nor point parley.data-dir (and parley.encryption.key-file) at one.", cause);
    }
}

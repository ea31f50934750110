package org.parley.encryption;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Encryption at rest ({@code parley.encryption.*}). Checked at start.
 *
 * @param keyFile           the key file (created at first start when missing)
 * @param keyFileCheck      how often each node looks whether the (shared) key file changed; 0 checks on every use
 * @param batchSize         text rows per transaction of the re-encryption job
 * @param binaryBatchSize   rows of files per transaction of the re-encryption job
 * @param reencryptOnStart  whether the re-encryption job runs at start
 * @param reencryptInterval how often the re-encryption job also runs, once in the cluster
 */
@ConfigurationProperties("parley.encryption")
record EncryptionSettings(@DefaultValue("./data/parley.keys") Path keyFile,
                          @DefaultValue("5s") Duration keyFileCheck,
                          @DefaultValue("200") int batchSize,
                          @DefaultValue("10") int binaryBatchSize,
                          @DefaultValue("true") boolean reencryptOnStart,
                          @DefaultValue("24h") Duration reencryptInterval) {

    EncryptionSettings {
        if (keyFileCheck == null || keyFileCheck.isNegative()) {
            throw new IllegalStateException("parley.encryption.key-file-check must not be negative, e.g. 5s");
        }
        if (batchSize < 1 || binaryBatchSize < 1) {
            throw new IllegalStateException("parley.encryption.batch-size and binary-batch-size must be at least 1");
        }
        if (reencryptInterval == null || reencryptInterval.isNegative() || reencryptInterval.isZero()) {
            throw new IllegalStateException("parley.encryption.reencrypt-interval must be longer than zero, e.g. 24h");
        }
    }
}

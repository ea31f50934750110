package org.parley.encryption;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

class KeyFileHealthIndicatorTest {

    @TempDir
    Path data;

    @Test
    void readyWhileTheKeyFileHoldsTheKeyThatEncryptsNewData() {
        KeyRing ring = new KeyRing(data.resolve("parley.keys"));

        Health health = new KeyFileHealthIndicator(ring).health();

        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails()).containsEntry("primaryKey", 1).containsKey("file");
    }

    @Test
    void notReadyWhenTheKeyFileIsGoneOrDamagedAndTheDetailsNeverShowAKey() throws Exception {
        Path file = data.resolve("parley.keys");
        KeyFileHealthIndicator indicator = new KeyFileHealthIndicator(new KeyRing(file));
        String original = Files.readString(file);

        Files.writeString(file, original.replace("primary=1", "primary=7"));
        Health damaged = indicator.health();
        Files.delete(file);
        Health gone = indicator.health();

        assertThat(damaged.getStatus()).isEqualTo(Status.DOWN);
        assertThat(damaged.getDetails().get("error").toString()).contains(file.toString()).contains("7");
        assertThat(gone.getStatus()).isEqualTo(Status.DOWN);
        assertThat(gone.getDetails().get("error").toString()).contains("cannot be read");
        for (String line : original.split("\n")) {
            if (line.startsWith("key.") || line.startsWith("index=")) {
                String key = line.substring(line.indexOf('=') + 1);
                assertThat(damaged.getDetails().toString()).doesNotContain(key);
                assertThat(gone.getDetails().toString()).doesNotContain(key);
            }
        }
    }

    @Test
    void notReadyWhenTheFileNoLongerHoldsTheKeyInUse() throws Exception {
        Path file = data.resolve("parley.keys");
        KeyFileHealthIndicator indicator = new KeyFileHealthIndicator(new KeyRing(file));
        // the file replaced by another Parley's, whose primary key has another id
        KeyFile.Contents other = KeyFile.withNewPrimary(KeyFile.fresh());
        Files.delete(file);
        KeyFile.create(file, new KeyFile.Contents(2, Map.of(2, other.keys().get(2)), other.indexKey()));

        Health health = indicator.health();

        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails().get("error").toString()).contains("no longer holds key 1");
    }
}

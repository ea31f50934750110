package org.parley.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.mock.env.MockEnvironment;

class DataFolderCheckTest {

    @TempDir
    Path temp;

    @Test
    void aDataFolderThatCannotBeCreatedStopsTheStartNamingItAndNothingIsCreated() throws Exception {
        Path notAFolder = Files.writeString(temp.resolve("backup.tar"), "a file where a folder should be");
        Path data = notAFolder.resolve("data");
        MockEnvironment environment = new MockEnvironment()
                .withProperty("spring.datasource.url", "jdbc:h2:file:" + data + "/parley;DB_CLOSE_ON_EXIT=FALSE")
                .withProperty("parley.encryption.key-file", temp.resolve("keys/parley.keys").toString());

        assertThatThrownBy(() -> DataFolderCheck.ensureWritable(DataFolderCheck.folders(environment)))
                .isInstanceOf(DataFolderException.class)
                .hasMessageContaining("data folder " + data)
                .hasMessageContaining("embedded database")
                .hasMessageContaining(notAFolder + " is a file, not a folder");
        assertThat(temp.resolve("keys")).as("the key file's folder, writable, is not created either").doesNotExist();
        try (var entries = Files.list(temp)) {
            assertThat(entries).containsExactly(notAFolder);
        }
    }

    @Test
    void theReportSaysWhatFailedAndWhatToDo() {
        DataFolderException failure = new DataFolderException(Path.of("/srv/parley/data"), "the embedded database",
                "Parley's account cannot write in it");

        FailureAnalysis analysis = new DataFolderFailureAnalyzer().analyze(new RuntimeException(failure));

        assertThat(analysis.getDescription()).isEqualTo("Parley cannot write its data folder /srv/parley/data (for the"
                + " embedded database): Parley's account cannot write in it. Nothing was created.");
        assertThat(analysis.getAction()).contains("mkdir -p /srv/parley/data && chown ").contains("parley.data-dir");
    }

    @Test
    void missingFoldersAreCreatedWhenTheyCanBe() {
        Path data = temp.resolve("new/data");
        MockEnvironment environment = new MockEnvironment()
                .withProperty("spring.datasource.url", "jdbc:h2:file:" + data + "/parley")
                .withProperty("parley.encryption.key-file", data.resolve("parley.keys").toString());

        DataFolderCheck.ensureWritable(DataFolderCheck.folders(environment));

        assertThat(data).isDirectory().isEmptyDirectory();
    }

    @Test
    void onlyTheFoldersParleyWritesAreChecked() throws Exception {
        Path keys = Files.createDirectories(temp.resolve("read-only-keys"));
        Files.writeString(keys.resolve("parley.keys"), "primary=1");
        MockEnvironment postgresWithExistingKeys = new MockEnvironment()
                .withProperty("spring.datasource.url", "jdbc:postgresql://db.example/parley")
                .withProperty("parley.encryption.key-file", keys.resolve("parley.keys").toString());

        assertThat(DataFolderCheck.folders(postgresWithExistingKeys))
                .as("an existing key file may sit in a read-only folder").isEmpty();
        assertThat(DataFolderCheck.h2File("jdbc:h2:mem:test;DB_CLOSE_DELAY=-1")).isEmpty();
        assertThat(DataFolderCheck.h2File("jdbc:h2:./data/parley;MODE=PostgreSQL")).contains(
                Path.of("data/parley").toAbsolutePath().normalize());
        assertThat(DataFolderCheck.folders(new MockEnvironment()
                .withProperty("spring.datasource.url", "jdbc:h2:file:/var/lib/parley/parley")))
                .extracting(DataFolderCheck.Folder::path).isEqualTo(List.of(Path.of("/var/lib/parley")));
    }
}

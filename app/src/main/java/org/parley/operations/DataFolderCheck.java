package org.parley.operations;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Before anything is created (no bean exists yet, so neither the embedded database nor the key file): the folders
 * Parley writes must be folders it can write. Otherwise the start stops with the folder named
 * ({@link DataFolderException}, reported by {@link DataFolderFailureAnalyzer}) instead of a database driver's error
 * after half a start. The folders: the embedded H2 database's ({@code spring.datasource.url} of an H2 file, by default
 * {@code parley.data-dir}), and the key file's when the key file does not exist yet (an existing key file may sit in
 * a read-only folder on purpose). All are checked before any is created.
 */
@Component
class DataFolderCheck implements BeanFactoryPostProcessor, EnvironmentAware {

    private Environment environment;

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        ensureWritable(folders(environment));
    }

    /** A folder Parley writes, and what for. */
    record Folder(Path path, String purpose) {
    }

    static List<Folder> folders(Environment environment) {
        List<Folder> folders = new ArrayList<>();
        h2File(environment.getProperty("spring.datasource.url", ""))
                .ifPresent(database -> folders.add(new Folder(parentOf(database), "the embedded database")));
        String keyFile = environment.getProperty("parley.encryption.key-file");
        if (keyFile != null && !keyFile.isBlank()) {
            Path file = Path.of(keyFile).toAbsolutePath().normalize();
            if (!Files.exists(file)) {
                folders.add(new Folder(parentOf(file), "the new encryption key file"));
            }
        }
        return folders;
    }

    /** The database file of an H2 URL that stores to a file ({@code jdbc:h2:file:./data/parley}, {@code jdbc:h2:./x}). */
    static Optional<Path> h2File(String url) {
        String lower = url.toLowerCase(Locale.ROOT);
        if (!lower.startsWith("jdbc:h2:")) {
            return Optional.empty();
        }
        String rest = url.substring("jdbc:h2:".length());
        if (rest.toLowerCase(Locale.ROOT).startsWith("file:")) {
            rest = rest.substring("file:".length());
        } else if (rest.matches("(?i)^(mem|tcp|ssl|zip|nio\\w*|split|async|memfs|memlzf|retry):.*")) {
            return Optional.empty();
        }
        int options = rest.indexOf(';');
        String path = options < 0 ? rest : rest.substring(0, options);
        if (path.startsWith("~")) {
            path = System.getProperty("user.home") + path.substring(1);
        }
        return Optional.of(Path.of(path).toAbsolutePath().normalize());
    }

    /**
     * Checks every folder first, then creates the missing ones.
     *
     * @throws DataFolderException naming the first folder that cannot be written, before any folder is created
     */
    static void ensureWritable(List<Folder> folders) {
        for (Folder folder : folders) {
            String problem = problem(folder.path());
            if (problem != null) {
                throw new DataFolderException(folder.path(), folder.purpose(), problem);
            }
        }
        for (Folder folder : folders) {
            try {
                Files.createDirectories(folder.path());
            } catch (IOException e) {
                throw new DataFolderException(folder.path(), folder.purpose(), "it cannot be created: " + e);
            }
        }
    }

    /** Why the folder cannot be written (or created), or null when it can. Creates nothing but a probe it deletes. */
    private static String problem(Path folder) {
        if (Files.isDirectory(folder)) {
            return writable(folder) ? null : "Parley's account cannot write in it";
        }
        if (Files.exists(folder)) {
            return "it is a file, not a folder";
        }
        Path existing = folder.getParent();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return "it does not exist and has no existing parent folder";
        }
        if (!Files.isDirectory(existing)) {
            return "it cannot be created: " + existing + " is a file, not a folder";
        }
        return writable(existing) ? null
                : "it does not exist and Parley's account cannot create it in " + existing;
    }

    private static boolean writable(Path folder) {
        try {
            Files.delete(Files.createTempFile(folder, ".parley-write-check-", ".tmp"));
            return true;
        } catch (IOException | SecurityException e) {
            return false;
        }
    }

    private static Path parentOf(Path file) {
        Path parent = file.getParent();
        return parent == null ? file.toAbsolutePath().getRoot() : parent;
    }
}

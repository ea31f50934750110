package org.parley.pdfexport;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.parley.plugin.ConfigProperty;
import org.parley.plugin.Settings;

/**
 * A configured PDF exporter's settings, read and checked. Every problem names the setting, never a patient.
 *
 * @param outputFolder where PDFs are written, or empty: offered as a download only
 * @param fileNames    how a written PDF is named
 * @param zone         the time zone times are printed in
 * @param pageSize     the paper the PDF is laid out for
 */
record PdfSettings(Optional<Path> outputFolder, FileNamePattern fileNames, ZoneId zone, PageSize pageSize) {

    static final String OUTPUT_FOLDER = "outputFolder";
    static final String FILE_NAME_PATTERN = "fileNamePattern";
    static final String TIME_ZONE = "timeZone";
    static final String PAGE_SIZE = "pageSize";

    static final List<ConfigProperty> PROPERTIES = List.of(
            ConfigProperty.text(OUTPUT_FOLDER, "Output folder",
                    "An absolute folder on the Parley server, e.g. the folder your EHR imports scanned documents "
                            + "from. Leave blank to offer each PDF as a download only."),
            ConfigProperty.text(FILE_NAME_PATTERN, "File name",
                    "Must contain {exportId}, so a retry replaces its own file. May contain {date} and {mrn}; "
                            + "the MRN helps EHRs that file documents by name, but puts an identifier into "
                            + "directory listings and backups.").withDefault(FileNamePattern.DEFAULT),
            ConfigProperty.text(TIME_ZONE, "Time zone",
                    "The zone message times are printed in, e.g. America/New_York. Blank: the practice's time zone "
                            + "(Administration, Practice)."),
            ConfigProperty.text(PAGE_SIZE, "Page size", "Letter or A4.").withDefault(PageSize.LETTER.label()));

    /** A setting that cannot work; the message names it and says what it needs. */
    static final class InvalidSetting extends Exception {
        InvalidSetting(String message) {
            super(message);
        }
    }

    /** The settings, with times in {@code practiceZone} where the admin left the time zone blank. */
    static PdfSettings read(Settings settings, ZoneId practiceZone) throws InvalidSetting {
        return new PdfSettings(outputFolder(settings), fileNames(settings), zone(settings, practiceZone),
                pageSize(settings));
    }

    private static Optional<Path> outputFolder(Settings settings) throws InvalidSetting {
        Optional<String> value = value(settings, OUTPUT_FOLDER);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        Path folder;
        try {
            folder = Path.of(value.get());
        } catch (InvalidPathException e) {
            throw new InvalidSetting("setting '" + OUTPUT_FOLDER + "' is not a valid folder path");
        }
        if (!folder.isAbsolute()) {
            // relative to whatever folder Parley was started in: a surprise waiting to happen
            throw new InvalidSetting("setting '" + OUTPUT_FOLDER + "' must be an absolute path");
        }
        return Optional.of(folder.normalize());
    }

    private static FileNamePattern fileNames(Settings settings) throws InvalidSetting {
        FileNamePattern pattern = new FileNamePattern(value(settings, FILE_NAME_PATTERN).orElse(FileNamePattern.DEFAULT));
        if (!pattern.isUsable()) {
            throw new InvalidSetting("setting '" + FILE_NAME_PATTERN + "' must contain " + FileNamePattern.EXPORT_ID
                    + " and no folder separators");
        }
        return pattern;
    }

    private static ZoneId zone(Settings settings, ZoneId practiceZone) throws InvalidSetting {
        Optional<String> value = value(settings, TIME_ZONE);
        if (value.isEmpty()) {
            return practiceZone;
        }
        try {
            return ZoneId.of(value.get());
        } catch (DateTimeException e) {
            throw new InvalidSetting("setting '" + TIME_ZONE + "' is not a known time zone (e.g. America/New_York)");
        }
    }

    private static PageSize pageSize(Settings settings) throws InvalidSetting {
        Optional<String> value = value(settings, PAGE_SIZE);
        if (value.isEmpty()) {
            return PageSize.LETTER;
        }
        return PageSize.named(value.get()).orElseThrow(
                () -> new InvalidSetting("setting '" + PAGE_SIZE + "' must be Letter or A4"));
    }

    private static Optional<String> value(Settings settings, String name) {
        return settings.get(name).map(String::strip).filter(v -> !v.isEmpty());
    }
}

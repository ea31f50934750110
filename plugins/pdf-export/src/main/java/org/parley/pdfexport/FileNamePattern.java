package org.parley.pdfexport;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.parley.plugin.ChartExport;

/**
 * How a written PDF is named, e.g. {@code parley-{exportId}.pdf}. The export id must be part of the name: a retry
 * of the same export then replaces its own file, and two exports never replace each other's.
 *
 * <p>Placeholders: {@code {exportId}}, {@code {date}} (the day the export was requested, yyyy-MM-dd, in the
 * configured time zone) and {@code {mrn}} (the patient's MRN, {@code no-mrn} when unknown). The MRN is offered for
 * EHRs that file scanned documents by their name, and is never the default: a file name travels into directory
 * listings, backups and logs of the programs that pick the file up.
 */
record FileNamePattern(String pattern) {

    static final String EXPORT_ID = "{exportId}";
    static final String DATE = "{date}";
    static final String MRN = "{mrn}";
    static final String DEFAULT = "parley-" + EXPORT_ID + ".pdf";

    private static final DateTimeFormatter DAY = DateTimeFormatter.ISO_LOCAL_DATE;

    /** Whether the pattern can name files: it holds the export id and nothing that leads out of the folder. */
    boolean isUsable() {
        return pattern.contains(EXPORT_ID) && !pattern.contains("/") && !pattern.contains("\\");
    }

    /** The file name for this export; characters a file system might refuse become {@code _}. */
    String fileName(ChartExport export, ZoneId zone) {
        String mrn = export.patient().mrn() == null ? "no-mrn" : export.patient().mrn();
        String name = pattern
                .replace(EXPORT_ID, safe(export.exportId()))
                .replace(DATE, DAY.format(export.requestedAt().atZone(zone)))
                .replace(MRN, safe(mrn));
        name = safe(name);
        return name.toLowerCase(Locale.ROOT).endsWith(".pdf") ? name : name + ".pdf";
    }

    /** Letters, digits, dot, dash and underscore stay; anything else (spaces, slashes, accents) becomes {@code _}. */
    private static String safe(String part) {
        String cleaned = part.replaceAll("[^A-Za-z0-9._-]", "_");
        // no hidden files and no "..": the written file must be an ordinary file in the folder
        return cleaned.startsWith(".") ? "_" + cleaned.substring(1) : cleaned;
    }
}

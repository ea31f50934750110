package org.parley.patient;

import jakarta.persistence.EntityManager;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.parley.audit.AuditAction;
import org.parley.audit.AuditLog;
import org.springframework.scheduling.annotation.Async;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Adds patients from a CSV file (UTF-8, a header row naming the columns: first name, last name, date of birth,
 * cell phone, MRN and, optionally, time zone as an IANA id and the last visit's date: broadcasts can go to the
 * patients last seen before, after or between dates). Each row is checked by the rules of {@link ContactService#createPatient} and is imported
 * whole or refused whole; the report gives each refused row's number and why, never its data.
 *
 * <p>For speed the rows are stored a few hundred per transaction, and who already has a row's number, and which
 * numbers are DO NOT TEXT, is read once per batch instead of once per row. A row whose number has texted before
 * turns that unknown contact into the patient, as adding the patient by hand does.
 */
@Service
// Patients' data only for a session with the STAFF or ADMIN role (see StaffAccess).
@PreAuthorize("@staffAccess.permitsPhi()")
public class PatientImport {

    /** Told how far an import has got. */
    @FunctionalInterface
    public interface Progress {

        /** {@code done} of {@code total} rows are imported or refused. */
        void rowsDone(int done, int total);
    }

    /** Rows per transaction: large enough to make lookups and commits cheap, small enough to show progress. */
    static final int ROWS_PER_TRANSACTION = 500;

    static final String NUMBER_IN_USE = "This cell number already belongs to another patient.";
    static final String DO_NOT_TEXT = "The cell number is marked DO NOT TEXT: it cannot be added to a patient.";
    static final String NOT_A_DATE = "The date of birth is not a date: write it as MM/DD/YYYY or YYYY-MM-DD.";
    static final String NOT_A_VISIT = "The last visit is not a date: write it as MM/DD/YYYY or YYYY-MM-DD.";
    static final String VISIT_IN_FUTURE = "The last visit is in the future: check the date.";

    private static final DateTimeFormatter US_DATE = DateTimeFormatter.ofPattern("M/d/uuuu", Locale.ROOT)
            .withResolverStyle(ResolverStyle.STRICT);
    private static final DateTimeFormatter ISO_DATE = DateTimeFormatter.ofPattern("uuuu-MM-dd", Locale.ROOT)
            .withResolverStyle(ResolverStyle.STRICT);

    private final ContactService contactService;
    private final EntityManager entityManager;
    private final TransactionTemplate tx;
    private final AuditLog audit;
    private final Clock clock;

    PatientImport(ContactService contactService, EntityManager entityManager, PlatformTransactionManager transactions,
                  AuditLog audit, Clock clock) {
        this.contactService = contactService;
        this.entityManager = entityManager;
        this.tx = new TransactionTemplate(transactions);
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Imports the patients of a CSV file; one audit entry records how many were imported and refused.
     *
     * @param actor    the user name of who imports
     * @param file     the file's bytes, UTF-8
     * @param progress told after each batch of rows
     * @throws IllegalArgumentException when the whole file is refused (not UTF-8, no header naming the columns,
     *                                  no rows, a quote never closed); nothing is imported then
     * @throws IllegalStateException    when storing a batch failed; the rows before it are imported, none after
     */
    public ImportReport importCsv(String actor, byte[] file, Progress progress) {
        long started = System.nanoTime();
        List<List<String>> records = CsvRecords.parse(text(file));
        if (records.isEmpty()) {
            throw new IllegalArgumentException("The file is empty.");
        }
        Columns columns = Columns.of(records.get(0));
        List<Row> rows = new ArrayList<>();
        for (int i = 1; i < records.size(); i++) {
            Row row = new Row(i + 1, records.get(i));
            if (!row.isBlank()) {
                rows.add(row);
            }
        }
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("The file has no patients below its header row.");
        }
        int total = rows.size();
        progress.rowsDone(0, total);
        int imported = 0;
        List<ImportReport.RefusedRow> refused = new ArrayList<>();
        Map<String, Integer> rowOfNumber = new HashMap<>();
        for (int from = 0; from < total; from += ROWS_PER_TRANSACTION) {
            List<Row> batch = rows.subList(from, Math.min(total, from + ROWS_PER_TRANSACTION));
            Batch done;
            try {
                done = tx.execute(status -> store(batch, columns, rowOfNumber));
            } catch (RuntimeException e) {
                int stoppedAt = batch.get(0).number();
                audit.record(actor, AuditAction.PATIENTS_IMPORTED, "contact", null, imported + " imported, " + refused.size()
                        + " refused, stopped at row " + stoppedAt);
                // The cause's message may quote a row's data, so only its kind is passed on.
                throw new IllegalStateException("The import stopped at row " + stoppedAt + " ("
                        + e.getClass().getSimpleName() + "): " + imported
                        + " patients from the rows before it were imported, none from that row on.");
            }
            imported += done.imported();
            refused.addAll(done.refused());
            rowOfNumber.putAll(done.rowOfNumber());
            progress.rowsDone(from + batch.size(), total);
        }
        audit.record(actor, AuditAction.PATIENTS_IMPORTED, "contact", null,
                imported + " imported, " + refused.size() + " refused");
        return new ImportReport(imported, refused, Duration.ofNanos(System.nanoTime() - started));
    }

    /** {@link #importCsv} on one of Parley's background threads, so that a screen can show progress meanwhile. */
    @Async
    public CompletableFuture<ImportReport> importCsvInBackground(String actor, byte[] file, Progress progress) {
        return CompletableFuture.completedFuture(importCsv(actor, file, progress));
    }

    /** Imports one batch inside the caller's transaction; {@code earlier} maps numbers imported before to rows. */
    private Batch store(List<Row> batch, Columns columns, Map<String, Integer> earlier) {
        List<ImportReport.RefusedRow> refused = new ArrayList<>();
        Map<Row, PatientDetails> details = new LinkedHashMap<>();
        Map<Row, String> numbers = new HashMap<>();
        Map<Row, LocalDate> visits = new HashMap<>();
        LocalDate today = LocalDate.now(clock);
        for (Row row : batch) {
            try {
                PatientDetails patient = columns.details(row);
                String e164 = contactService.checkedCellPhone(patient);
                LocalDate visit = columns.lastVisit(row);
                if (visit != null && visit.isAfter(today.plusDays(1))) { // a day's grace for the practice's zone
                    throw new IllegalArgumentException(VISIT_IN_FUTURE);
                }
                details.put(row, patient);
                numbers.put(row, e164);
                visits.put(row, visit);
            } catch (IllegalArgumentException invalid) {
                refused.add(new ImportReport.RefusedRow(row.number(), invalid.getMessage()));
            }
        }
        Set<String> wanted = new HashSet<>(numbers.values());
        wanted.remove(null);
        Set<String> doNotText = new HashSet<>();
        Map<String, List<Contact>> holders = new HashMap<>();
        if (!wanted.isEmpty()) {
            doNotText.addAll(entityManager.createQuery(
                            "select d.phoneNumber from DoNotText d where d.phoneNumber in :numbers", String.class)
                    .setParameter("numbers", wanted).getResultList());
            for (Contact contact : entityManager.createQuery(
                            "select c from Contact c where c.phoneNumber in :numbers order by c.id", Contact.class)
                    .setParameter("numbers", wanted).getResultList()) {
                holders.computeIfAbsent(contact.getPhoneNumber(), n -> new ArrayList<>()).add(contact);
            }
        }
        Map<String, Integer> rowOfNumber = new HashMap<>();
        Instant now = clock.instant();
        int imported = 0;
        for (Map.Entry<Row, PatientDetails> entry : details.entrySet()) {
            Row row = entry.getKey();
            String e164 = numbers.get(row);
            List<Contact> sameNumber = e164 == null ? List.of() : holders.getOrDefault(e164, List.of());
            Integer firstRow = e164 == null ? null : earlier.getOrDefault(e164, rowOfNumber.get(e164));
            String reason = null;
            if (e164 != null && doNotText.contains(e164)) {
                reason = DO_NOT_TEXT;
            } else if (firstRow != null) {
                reason = "The cell number is already on row " + firstRow + ", imported from this file.";
            } else if (sameNumber.stream().anyMatch(c -> c.getKind() == ContactKind.PATIENT)) {
                reason = NUMBER_IN_USE;
            }
            if (reason != null) {
                refused.add(new ImportReport.RefusedRow(row.number(), reason));
                continue;
            }
            Contact unknown = sameNumber.stream().filter(c -> c.getKind() == ContactKind.UNKNOWN).findFirst()
                    .orElse(null);
            if (unknown != null) {
                // The number has texted before: that contact becomes the patient, conversations and all.
                unknown.becomePatient(entry.getValue(), e164);
                unknown.visitedLast(visits.get(row));
            } else {
                Contact patient = Contact.patient(entry.getValue(), e164, now);
                patient.visitedLast(visits.get(row));
                entityManager.persist(patient);
            }
            if (e164 != null) {
                rowOfNumber.put(e164, row.number());
            }
            imported++;
        }
        refused.sort(Comparator.comparingInt(ImportReport.RefusedRow::row));
        return new Batch(imported, refused, rowOfNumber);
    }

    private static String text(byte[] file) {
        try {
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(file)).toString();
            // Excel's "CSV UTF-8" starts with a byte order mark.
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("The file is not UTF-8 text. In Excel, save it as \"CSV UTF-8\".");
        }
    }

    static LocalDate date(String typed) {
        if (typed.isBlank()) {
            return null;
        }
        DateTimeFormatter format = typed.contains("-") ? ISO_DATE : US_DATE;
        try {
            return LocalDate.parse(typed.strip(), format);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(NOT_A_DATE);
        }
    }

    private record Batch(int imported, List<ImportReport.RefusedRow> refused, Map<String, Integer> rowOfNumber) {
    }

    /** A data row: its number as a spreadsheet shows it, and its fields. Identity-equal on purpose. */
    private static final class Row {

        private final int number;
        private final List<String> fields;

        Row(int number, List<String> fields) {
            this.number = number;
            this.fields = fields;
        }

        int number() {
            return number;
        }

        String field(int column) {
            return column < 0 || column >= fields.size() ? "" : fields.get(column).strip();
        }

        boolean isBlank() {
            return fields.stream().allMatch(String::isBlank);
        }
    }

    /** Where each column is, found by the names in the header row. */
    private record Columns(int firstName, int lastName, int dateOfBirth, int cellPhone, int mrn, int timeZone,
                           int lastVisit) {

        private static final Map<String, String> NAMES = Map.ofEntries(
                Map.entry("firstname", "first name"), Map.entry("givenname", "first name"),
                Map.entry("lastname", "last name"), Map.entry("surname", "last name"),
                Map.entry("familyname", "last name"),
                Map.entry("dob", "date of birth"), Map.entry("dateofbirth", "date of birth"),
                Map.entry("birthdate", "date of birth"),
                Map.entry("cell", "cell phone"), Map.entry("cellphone", "cell phone"),
                Map.entry("cellnumber", "cell phone"), Map.entry("phone", "cell phone"),
                Map.entry("mobile", "cell phone"), Map.entry("mobilephone", "cell phone"),
                Map.entry("mrn", "MRN"), Map.entry("timezone", "time zone"), Map.entry("tz", "time zone"),
                Map.entry("lastvisit", "last visit"), Map.entry("lastvisitdate", "last visit"),
                Map.entry("lastseen", "last visit"));
        private static final List<String> REQUIRED = List.of("first name", "last name", "date of birth",
                "cell phone");

        static Columns of(List<String> header) {
            Map<String, Integer> found = new HashMap<>();
            for (int i = 0; i < header.size(); i++) {
                String column = NAMES.get(header.get(i).toLowerCase(Locale.ROOT).replaceAll("[^a-z]", ""));
                if (column != null && found.putIfAbsent(column, i) != null) {
                    throw new IllegalArgumentException("Two columns of the header row are the " + column
                            + ": keep one of them.");
                }
            }
            List<String> missing = REQUIRED.stream().filter(c -> !found.containsKey(c)).toList();
            if (!missing.isEmpty()) {
                throw new IllegalArgumentException("The first row must name the columns: first name, last name, "
                        + "date of birth, cell phone and, if you have it, MRN. Not found: "
                        + String.join(", ", missing) + ".");
            }
            return new Columns(found.get("first name"), found.get("last name"), found.get("date of birth"),
                    found.get("cell phone"), found.getOrDefault("MRN", -1), found.getOrDefault("time zone", -1),
                    found.getOrDefault("last visit", -1));
        }

        PatientDetails details(Row row) {
            return new PatientDetails(row.field(firstName), row.field(lastName), date(row.field(dateOfBirth)),
                    row.field(cellPhone), row.field(mrn), null, row.field(timeZone));
        }

        /** The row's last visit, or null when the file has no such column or the row leaves it blank. */
        LocalDate lastVisit(Row row) {
            try {
                return date(row.field(lastVisit));
            } catch (IllegalArgumentException notADate) {
                throw new IllegalArgumentException(NOT_A_VISIT);
            }
        }
    }
}

package org.parley.patient;

import java.util.ArrayList;
import java.util.List;

/**
 * Comma-separated values as RFC 4180 writes them and spreadsheets save them: records end at CRLF, LF or CR;
 * a field in double quotes may hold commas, line breaks and doubled quotes. Lenient where spreadsheets are
 * (text after a closing quote is kept), strict only about a quote that never closes.
 */
final class CsvRecords {

    private CsvRecords() {
    }

    /**
     * The records of {@code text}, each a list of fields. An empty line is an empty record (one blank field), so
     * record numbers stay those a spreadsheet shows.
     *
     * @throws IllegalArgumentException when a quoted field is never closed; the message gives the record number
     */
    static List<List<String>> parse(String text) {
        List<List<String>> records = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        int quoteOpenedInRecord = 0;
        int length = text.length();
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c != '"') {
                    field.append(c);
                } else if (i + 1 < length && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else {
                    quoted = false;
                }
            } else if (c == '"') {
                quoted = true;
                quoteOpenedInRecord = records.size() + 1;
            } else if (c == ',') {
                record.add(field.toString());
                field.setLength(0);
            } else if (c == '\r' || c == '\n') {
                if (c == '\r' && i + 1 < length && text.charAt(i + 1) == '\n') {
                    i++;
                }
                record.add(field.toString());
                field.setLength(0);
                records.add(record);
                record = new ArrayList<>();
            } else {
                field.append(c);
            }
        }
        if (quoted) {
            throw new IllegalArgumentException("Row " + quoteOpenedInRecord
                    + " opens a quoted value that is never closed: check the quotation marks.");
        }
        if (!field.isEmpty() || !record.isEmpty()) {
            record.add(field.toString());
            records.add(record);
        }
        return records;
    }
}

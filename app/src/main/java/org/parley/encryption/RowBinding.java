package org.parley.encryption;

/**
 * Where a row-bound value lives: table, column and the row's key. It is part of what the value is encrypted with
 * (format 2 of {@code FieldCipher}), so the value decrypts only there: copied into another row or column, it fails
 * as if it had been changed. The parts are names and keys, never PHI; failures name the table and column only.
 *
 * @param table  the table, e.g. {@code signing_key}
 * @param column the column, e.g. {@code key_value}
 * @param row    the row's key as text, e.g. {@code media-links}: it must be known before the row is written; empty
 *               for a whole column ({@link #column})
 */
public record RowBinding(String table, String column, String row) {

    /**
     * A whole column's binding, for values whose row is not known when they are encrypted (rows that get their id
     * from the database on insert): the value decrypts in this table and column only, in any of its rows.
     */
    public static RowBinding column(String table, String column) {
        return new RowBinding(table, column, "");
    }

    public RowBinding {
        if (table == null || table.isBlank() || column == null || column.isBlank() || row == null) {
            throw new IllegalArgumentException("a row binding needs a table, a column and a row key");
        }
    }
}

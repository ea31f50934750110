package org.parley.encryption;

/**
 * Where a row-bound value lives: table, column and the row's key. It is part of what the value is encrypted with
 * (format 2 of {@code FieldCipher}), so the value decrypts only there: copied into another row or column, it fails
 * as if it had been changed. The parts are names and keys, never PHI; failures name the table and column only.
 *
 * @param table  the table, e.g. {@code signing_key}
 * @param column the column, e.g. {@code key_value}
 * @param row    the row's key as text, e.g. {@code media-links}: it must be known before the row is written
 */
public record RowBinding(String table, String column, String row) {

    public RowBinding {
        if (table == null || table.isBlank() || column == null || column.isBlank() || row == null) {
            throw new IllegalArgumentException("a row binding needs a table, a column and a row key");
        }
    }
}

package org.parley.encryption;

/**
 * A text column whose values are encrypted bound to their row ({@link RowBoundEncryption}), declared by the feature
 * that owns it as a Spring bean, so that the re-encryption job brings it under new keys and upgrades values written
 * before it was bound (plaintext, or format 1) like any other encrypted column.
 *
 * @param table     the table
 * @param keyColumn the column whose value identifies the row (its primary key, known before the row is written)
 * @param column    the encrypted column
 */
public record RowBoundColumn(String table, String keyColumn, String column) {

    /** The binding of the row whose key is {@code rowKey}. */
    public RowBinding at(Object rowKey) {
        return new RowBinding(table, column, String.valueOf(rowKey));
    }
}

/**
 * Encryption at rest (HIPAA 164.312(a)(2)(iv)): message and note text, attachments, voicemail recordings and
 * transcripts, internal notes and provider secrets are stored encrypted, so a copy of the database (a dump, a backup,
 * a stolen disk) shows none of them.
 *
 * <p>Public face:
 * <ul>
 *   <li>{@link org.parley.encryption.EncryptedText} and {@link org.parley.encryption.EncryptedBytes}: JPA converters;
 *       a feature subclasses one per column, naming table and column, and puts it on the column with
 *       {@code @Convert(converter = Message.EncryptedBody.class)}. Nothing else is needed: the re-encryption job
 *       finds every column that uses them in Hibernate's mapping model.</li>
 *   <li>{@link org.parley.encryption.WordHashes}: keyed hashes of words, for searching encrypted text through a word
 *       index (the inbox keeps one for messages).</li>
 *   <li>{@link org.parley.encryption.RowBoundEncryption}, {@link org.parley.encryption.RowBinding} and
 *       {@link org.parley.encryption.RowBoundColumn}: secrets encrypted bound to their row (see below).</li>
 *   <li>{@link org.parley.encryption.Backfill}: work the job does once over existing rows (the word index of old
 *       messages).</li>
 *   <li>{@link org.parley.encryption.EncryptionAdministration}: the admin page's service (status, rotate, run the
 *       job), with {@link org.parley.encryption.EncryptionStatus} and the live
 *       {@link org.parley.encryption.ReencryptionProgress}.</li>
 * </ul>
 *
 * <p>Why it is built this way:
 * <ul>
 *   <li>The JDK's AES-256-GCM rather than a library: an authenticated cipher with nothing to add to the build, and a
 *       value format that is ours to document (see {@code FieldCipher}): a mark, the key id, a random nonce, the
 *       ciphertext and its tag. The key id in every value is what makes rotation work: new data goes under the new
 *       key, old data stays readable under the old one until the job re-encrypts it.</li>
 *   <li>Keys live in a key file outside the database ({@code parley.encryption.key-file}, by default next to the
 *       embedded H2 database in {@code ./data}); the database holds only each key's fingerprint, so Parley refuses
 *       to start with a key file that cannot read it rather than fail row by row or encrypt under an unsaved key.</li>
 *   <li>Converters rather than encryption in each feature's code: entities keep plain Strings and byte arrays,
 *       queries keep working except comparisons of encrypted columns (none exist; search uses the word index). A
 *       value without the mark is a plaintext from before encryption: it is read as it is and the job encrypts it.</li>
 *   <li>What a value is bound to (issue 15, finding 6). GCM's associated data holds the format and key id and, in
 *       format {@code prly2}, the value's place ({@link org.parley.encryption.RowBinding}), so a value moved
 *       elsewhere fails to decrypt like a changed one. A converter sees the value only, never its column, so each
 *       column has a converter subclass of its own that names table and column ({@link
 *       org.parley.encryption.EncryptedText}, {@link org.parley.encryption.EncryptedBytes}); the job's discovery
 *       checks each names the column it is used on, and that no class serves two. Those values are bound to table
 *       and column, not to their row. Where the row's key is known before the row is written (the media-link
 *       signing key, keyed by name), {@link org.parley.encryption.RowBoundEncryption} binds table, column and row,
 *       and the feature declares the column as a {@link org.parley.encryption.RowBoundColumn} so the job covers it.
 *       Format-1 values and plaintexts found in a bound column are still read and the job rewrites them bound.</li>
 *   <li>What is not bound, and what it would take. (1) Rows of converted columns: those rows get their ids from the
 *       database ({@code IDENTITY}) only when inserted, so neither the write nor the read knows the row, and a
 *       database writer can swap two values of one column (two messages' texts, two patients' notes). Binding them
 *       needs ids known before insert (sequences with pooled ids, or ids taken when the entity is made: a migration
 *       per table), encryption inside the entity with its id rather than a converter, and the row key in the JDBC
 *       writers (demo data, the job); it touches every PHI entity, so it was left for later. (2) Downgrade: an
 *       unbound value (format 1 from any column, or a plaintext) put in place of a bound one is still read, for the
 *       upgrade's sake. Refusing it needs a setting kept outside the database (a flag in it could be reset by the
 *       same writer), turned on once the job reports nothing left to bind.</li>
 *   <li>The job works through JDBC on the columns it discovered, in batches, writing a value back only if it is
 *       unchanged; done rows drop out of its query, so it resumes after a restart without a bookmark.</li>
 * </ul>
 */
package org.parley.encryption;

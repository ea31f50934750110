/**
 * Encryption at rest (HIPAA 164.312(a)(2)(iv)): message and note text, attachments, voicemail recordings and
 * transcripts, internal notes and provider secrets are stored encrypted, so a copy of the database (a dump, a backup,
 * a stolen disk) shows none of them.
 *
 * <p>Public face:
 * <ul>
 *   <li>{@link org.parley.encryption.EncryptedText} and {@link org.parley.encryption.EncryptedBytes}: JPA converters a
 *       feature puts on a column with {@code @Convert(converter = EncryptedText.class)}. Nothing else is needed: the
 *       re-encryption job finds every column that uses them in Hibernate's mapping model.</li>
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
 *   <li>A converted value is not bound to its row: the converter sees the value only, and rows get their ids from the
 *       database ({@code IDENTITY}) only when inserted, so neither the write nor the read knows the row. Someone able
 *       to write to the database could swap two such values, but not read or alter one. Where the row's key is known
 *       before the row is written (the media-link signing key, keyed by name), {@link
 *       org.parley.encryption.RowBoundEncryption} binds the value to table, column and row in GCM's associated data
 *       (format {@code prly2}), and the feature declares the column as a {@link org.parley.encryption.RowBoundColumn}
 *       so the job covers it; plaintext and format-1 values found there are still read and the job rewrites them.
 *       Binding the converted columns too needs encryption at the entity level with ids assigned before insert (a
 *       sequence or UUIDs): left for later, as it touches every PHI entity.</li>
 *   <li>The job works through JDBC on the columns it discovered, in batches, writing a value back only if it is
 *       unchanged; done rows drop out of its query, so it resumes after a restart without a bookmark.</li>
 * </ul>
 */
package org.parley.encryption;

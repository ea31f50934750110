package org.parley.encryption;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FieldCipherTest {

    private static final String TEXT = "Maria Lopez: my biopsy results came back, can Dr. Chen call me?";
    private static final byte[] PICTURE = "\u0089PNG rash on left arm".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path folder;

    private FieldCipher cipherWithKeyFile(String name) {
        return new FieldCipher(new KeyRing(folder.resolve(name)));
    }

    @Test
    void aTextReadsBackButItsStoredFormShowsNothingOfIt() {
        FieldCipher cipher = cipherWithKeyFile("parley.keys");

        String stored = cipher.encrypt(TEXT);

        assertThat(stored).startsWith("prly1:00000001:").doesNotContain("Lopez", "biopsy", "Chen");
        assertThat(cipher.decrypt(stored)).isEqualTo(TEXT);
    }

    @Test
    void theSameTextIsStoredDifferentlyEachTime() {
        FieldCipher cipher = cipherWithKeyFile("parley.keys");

        assertThat(cipher.encrypt(TEXT)).isNotEqualTo(cipher.encrypt(TEXT));
    }

    @Test
    void anAttachmentReadsBackButItsStoredFormShowsNothingOfIt() {
        FieldCipher cipher = cipherWithKeyFile("parley.keys");

        byte[] stored = cipher.encrypt(PICTURE);

        assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain("rash");
        assertThat(stored).hasSize(PICTURE.length + 38);
        assertThat(cipher.decrypt(stored)).isEqualTo(PICTURE);
        assertThat(cipher.keyIdOf(stored)).hasValue(1);
    }

    @Test
    void aChangedTextFailsLoudlyWithoutQuotingTheTextOrItsCiphertext() {
        FieldCipher cipher = cipherWithKeyFile("parley.keys");
        String stored = cipher.encrypt(TEXT);
        char last = stored.charAt(stored.length() - 2);
        String tampered = stored.substring(0, stored.length() - 2) + (last == 'A' ? 'B' : 'A')
                + stored.charAt(stored.length() - 1);

        assertThatThrownBy(() -> cipher.decrypt(tampered))
                .isInstanceOf(DecryptionFailedException.class)
                .hasMessageContaining("key 1")
                .satisfies(e -> assertNothingOfTheValueIn(e, stored));
    }

    @Test
    void aChangedKeyIdInTheHeaderFailsLikeAChangedCiphertext() {
        FieldCipher cipher = cipherWithKeyFile("parley.keys");
        KeyRing ring = new KeyRing(folder.resolve("parley.keys"));
        ring.rotate();
        FieldCipher rotated = new FieldCipher(ring);
        String stored = cipher.encrypt(TEXT);

        String relabelled = FieldCipher.textHeader(2) + stored.substring(FieldCipher.TEXT_HEADER_LENGTH);

        assertThatThrownBy(() -> rotated.decrypt(relabelled)).isInstanceOf(DecryptionFailedException.class);
    }

    @Test
    void changedBytesFailLoudlyWithoutQuotingThem() {
        FieldCipher cipher = cipherWithKeyFile("parley.keys");
        byte[] stored = cipher.encrypt(PICTURE);
        stored[stored.length - 20] ^= 1;

        assertThatThrownBy(() -> cipher.decrypt(stored))
                .isInstanceOf(DecryptionFailedException.class)
                .satisfies(e -> assertNothingOfTheValueIn(e, HexFormat.of().formatHex(stored)));
    }

    @Test
    void anotherKeyFileCannotReadTheTextAndSaysSoWithoutQuotingIt() {
        String stored = cipherWithKeyFile("practice.keys").encrypt(TEXT);
        FieldCipher stranger = cipherWithKeyFile("other.keys");

        assertThatThrownBy(() -> stranger.decrypt(stored))
                .isInstanceOf(DecryptionFailedException.class)
                .hasMessageContaining("key 1").hasMessageContaining("other.keys")
                .satisfies(e -> assertNothingOfTheValueIn(e, stored));
    }

    @Test
    void aValueUnderAKeyTheFileDoesNotHoldNamesThatKey() {
        KeyRing practice = new KeyRing(folder.resolve("practice.keys"));
        practice.rotate();
        practice.rotate();
        String stored = new FieldCipher(practice).encrypt(TEXT);

        assertThatThrownBy(() -> cipherWithKeyFile("fresh.keys").decrypt(stored))
                .isInstanceOf(DecryptionFailedException.class)
                .hasMessageContaining("key 3, which the key file")
                .satisfies(e -> assertNothingOfTheValueIn(e, stored));
    }

    @Test
    void afterARotationOldValuesStayReadableAndNewOnesGoUnderTheNewKeyAlsoAfterARestart() {
        Path file = folder.resolve("parley.keys");
        KeyRing ring = new KeyRing(file);
        FieldCipher cipher = new FieldCipher(ring);
        String before = cipher.encrypt(TEXT);
        byte[] pictureBefore = cipher.encrypt(PICTURE);

        assertThat(ring.rotate()).isEqualTo(2);
        String after = cipher.encrypt("a reply");

        assertThat(cipher.keyIdOf(before)).hasValue(1);
        assertThat(cipher.keyIdOf(after)).hasValue(2);
        FieldCipher restarted = new FieldCipher(new KeyRing(file));
        assertThat(restarted.decrypt(before)).isEqualTo(TEXT);
        assertThat(restarted.decrypt(pictureBefore)).isEqualTo(PICTURE);
        assertThat(restarted.decrypt(after)).isEqualTo("a reply");
        assertThat(restarted.encrypt("next")).startsWith(FieldCipher.textHeader(2));
    }

    @Test
    void plaintextStoredBeforeEncryptionIsReadAsItIs() {
        FieldCipher cipher = cipherWithKeyFile("parley.keys");

        assertThat(cipher.decrypt("See you Friday")).isEqualTo("See you Friday");
        assertThat(cipher.decrypt("")).isEmpty();
        assertThat(cipher.keyIdOf("See you Friday")).isEmpty();
        assertThat(cipher.decrypt(PICTURE)).isEqualTo(PICTURE);
        assertThat(cipher.keyIdOf(PICTURE)).isEmpty();
    }

    @Test
    void anEmptyTextIsEncryptedToo() {
        FieldCipher cipher = cipherWithKeyFile("parley.keys");

        String stored = cipher.encrypt("");

        assertThat(stored).startsWith(FieldCipher.TEXT_MARK);
        assertThat(cipher.decrypt(stored)).isEmpty();
    }

    @Test
    void theKeyFileIsCreatedReadableByItsOwnerOnlyAndHoldsNoValueOfTheData() throws Exception {
        Path file = folder.resolve("data").resolve("parley.keys");
        KeyRing ring = new KeyRing(file);

        assertThat(ring.createdNow()).isTrue();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(Files.readString(file)).contains("primary=1", "key.1=", "index=");
        assertThat(new KeyRing(file).createdNow()).isFalse();
        try (var listing = Files.list(file.getParent())) {
            assertThat(listing).containsExactly(file);
        }
    }

    @Test
    void aKeyFileWithoutItsPrimaryKeyIsRefusedNamingTheFileAndTheEntryNotAKey() throws Exception {
        Path file = folder.resolve("parley.keys");
        new KeyRing(file);
        String text = Files.readString(file);
        String key = text.lines().filter(l -> l.startsWith("key.1=")).findFirst().orElseThrow();
        Files.writeString(file, text.replace(key, "").replace("primary=1", "primary=2"));

        assertThatThrownBy(() -> new KeyRing(file))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("'key.2'")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(key.substring("key.1=".length())));
    }

    @Test
    void aKeyOfTheWrongLengthIsRefusedWithTheHintHowToMakeOne() throws Exception {
        Path file = folder.resolve("parley.keys");
        Files.writeString(file, "primary=1\nkey.1=c2hvcnQ=\nindex=c2hvcnQ=\n");

        assertThatThrownBy(() -> new KeyRing(file))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("'key.1'").hasMessageContaining("openssl rand -base64 32");
    }

    private static void assertNothingOfTheValueIn(Throwable failure, String stored) {
        for (Throwable e = failure; e != null; e = e.getCause()) {
            assertThat(String.valueOf(e.getMessage()))
                    .doesNotContain("Lopez", "biopsy", "rash")
                    .doesNotContain(stored.substring(FieldCipher.TEXT_HEADER_LENGTH,
                            Math.min(stored.length(), FieldCipher.TEXT_HEADER_LENGTH + 16)));
        }
        assertThat(Arrays.stream(failure.getStackTrace())).isNotEmpty();
    }

    @Test
    void aRowBoundValueReadsBackOnlyInItsOwnTableColumnAndRow() {
        FieldCipher cipher = cipherWithKeyFile("parley.keys");
        RowBinding home = new RowBinding("signing_key", "key_value", "media-links");

        String stored = cipher.encrypt(TEXT, home);

        assertThat(stored).startsWith("prly2:00000001:").doesNotContain("Lopez");
        assertThat(cipher.decrypt(stored, home)).isEqualTo(TEXT);
        assertThat(cipher.keyIdOf(stored)).hasValue(1);
        for (RowBinding elsewhere : List.of(new RowBinding("signing_key", "key_value", "media-links2"),
                new RowBinding("signing_key", "other_value", "media-links"),
                new RowBinding("line_setting", "key_value", "media-links"),
                // the parts are length-prefixed, so moving characters between them is another place too
                new RowBinding("signing_key", "key_valu", "emedia-links"))) {
            assertThatThrownBy(() -> cipher.decrypt(stored, elsewhere)).as(elsewhere.toString())
                    .isInstanceOf(DecryptionFailedException.class)
                    .hasMessageContaining(elsewhere.table() + "." + elsewhere.column())
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("Lopez", stored.substring(15)));
        }
    }

    @Test
    void aRowBoundValueCopiedIntoAColumnThatDoesNotBindItsRowsFailsToDecrypt() {
        FieldCipher cipher = cipherWithKeyFile("parley.keys");
        String stored = cipher.encrypt(TEXT, new RowBinding("signing_key", "key_value", "media-links"));

        assertThatThrownBy(() -> cipher.decrypt(stored)).isInstanceOf(DecryptionFailedException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("Lopez", stored.substring(15)));
    }

    @Test
    void valuesWrittenBeforeAColumnWasBoundStillReadThere() {
        FieldCipher cipher = cipherWithKeyFile("parley.keys");
        RowBinding place = new RowBinding("signing_key", "key_value", "media-links");

        assertThat(cipher.decrypt(cipher.encrypt(TEXT), place)).isEqualTo(TEXT);
        assertThat(cipher.decrypt("a plaintext from before", place)).isEqualTo("a plaintext from before");
    }

    @Test
    void aColumnBoundValueReadsBackInAnyRowOfItsColumnButNotInAnotherColumnOrTable() {
        FieldCipher cipher = cipherWithKeyFile("parley.keys");
        RowBinding body = RowBinding.column("message", "body");

        String stored = cipher.encrypt(TEXT, body);

        assertThat(stored).startsWith("prly2:00000001:").doesNotContain("Lopez");
        assertThat(cipher.decrypt(stored, RowBinding.column("message", "body"))).isEqualTo(TEXT);
        for (RowBinding elsewhere : List.of(RowBinding.column("contact", "internal_note"),
                RowBinding.column("message", "last_preview"), RowBinding.column("sandbox_phone_message", "body"),
                new RowBinding("message", "body", "42"))) {
            assertThatThrownBy(() -> cipher.decrypt(stored, elsewhere)).as(elsewhere.toString())
                    .isInstanceOf(DecryptionFailedException.class)
                    .hasMessageContaining(elsewhere.table() + "." + elsewhere.column())
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("Lopez", stored.substring(15)));
        }
    }

    @Test
    void boundBytesReadBackOnlyInTheirOwnColumnAndOlderBytesStillReadThere() {
        FieldCipher cipher = cipherWithKeyFile("parley.keys");
        RowBinding media = RowBinding.column("message_media", "data");

        byte[] stored = cipher.encrypt(PICTURE, media);

        assertThat(stored).startsWith(0, 'p', 'r', 'l', 'y', '2').hasSize(PICTURE.length + 38);
        assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain("rash");
        assertThat(cipher.keyIdOf(stored)).hasValue(1);
        assertThat(cipher.decrypt(stored, media)).isEqualTo(PICTURE);
        assertThatThrownBy(() -> cipher.decrypt(stored, RowBinding.column("chart_export_document", "data")))
                .isInstanceOf(DecryptionFailedException.class).hasMessageContaining("chart_export_document.data");
        assertThatThrownBy(() -> cipher.decrypt(stored)).as("read where nothing binds it")
                .isInstanceOf(DecryptionFailedException.class);
        assertThat(cipher.decrypt(cipher.encrypt(PICTURE), media)).as("format 1").isEqualTo(PICTURE);
        assertThat(cipher.decrypt(PICTURE, media)).as("plaintext from before").isEqualTo(PICTURE);
    }
}

package org.parley.encryption;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.parley.audit.AuditEntries;
import org.parley.audit.AuditEntry;
import org.parley.audit.AuditLog;
import org.parley.conversation.ConversationService;
import org.parley.conversation.MessageMoves;
import org.parley.conversation.MessageView;
import org.parley.conversation.Replies;
import org.parley.inbox.MessageWords;
import org.parley.line.LineService;
import org.parley.patient.ContactService;
import org.parley.patient.ContactSummary;
import org.parley.patient.Families;
import org.parley.patient.PatientDetails;
import org.parley.security.Role;
import org.parley.security.StaffFixtures;
import org.parley.security.StaffMember;
import org.parley.simulator.SandboxCarrier;
import org.parley.testsupport.PluginArchives;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.domain.PageRequest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Encryption at rest in the running app, on H2 with a key file of its own: which columns are encrypted, search by
 * word in encrypted text, a key rotation and the job after it, a damaged value, and a key file that does not fit the
 * database. The job does not run at start here, so each test decides when it runs.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class EncryptionAtRestIT {

    private static final Path KEYS = temporaryFolder().resolve("parley.keys");
    private static final String LINE = "sandbox";

    @DynamicPropertySource
    static void ownDatabaseAndKeyFile(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:encryption-at-rest;DB_CLOSE_DELAY=-1");
        registry.add("parley.plugins.dir", () -> PluginArchives.directory().toString());
        registry.add("parley.encryption.key-file", KEYS::toString);
        registry.add("parley.encryption.reencrypt-on-start", () -> "false");
        registry.add("parley.outbound.poll-interval", () -> "200ms");
    }

    @Autowired
    SandboxCarrier carrier;
    @Autowired
    ConversationService conversations;

    @Autowired
    MessageMoves moves;

    @Autowired
    Replies replies;
    @Autowired
    MessageWords words;
    @Autowired
    ContactService contacts;
    @Autowired
    Families families;
    @Autowired
    LineService lines;
    @Autowired
    StaffFixtures staff;
    @Autowired
    AuditEntries audit;
    @Autowired
    EncryptionAdministration administration;
    @Autowired
    SecurityContextHolderStrategy security;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TransactionTemplate tx;
    @Autowired
    Clock clock;
    @Autowired
    EncryptedColumns columns;
    @Autowired
    Reencryption job;
    @Autowired
    KeyRing ring;
    @Autowired
    KeyRegistry registry;
    @Autowired
    FieldCipher cipher;

    @AfterEach
    void logOut() {
        security.clearContext();
    }

    @Test
    void everyColumnMarkedEncryptedIsFoundWithTheColumnsThatIdentifyItsRows() {
        assertThat(columns.all()).extracting(EncryptedColumns.Column::name).containsExactlyInAnyOrder(
                "chart_export.staff_comment", "chart_export_document.data", "chart_exporter_setting.setting_value",
                "contact.internal_note", "conversation.last_preview", "line_setting.setting_value", "message.body",
                "message_media.data", "message_media.file_name", "sandbox_phone_message.body",
                "sandbox_phone_message.media_data", "sandbox_phone_message.media_file_name",
                "signing_key.key_value", "staff_user.totp_secret");
        assertThat(columns.all()).filteredOn(EncryptedColumns.Column::rowBound)
                .extracting(EncryptedColumns.Column::name).containsExactly("signing_key.key_value");
        assertThat(columns.all()).filteredOn(c -> c.table().equals("line_setting")).singleElement()
                .satisfies(c -> assertThat(c.keyColumns()).containsExactly("line_id", "name"));
        assertThat(columns.all()).filteredOn(c -> c.name().equals("message.body")).singleElement()
                .satisfies(c -> assertThat(c.keyColumns()).containsExactly("id"))
                .satisfies(c -> assertThat(c.binary()).isFalse());
        assertThat(columns.all()).filteredOn(c -> c.name().equals("message_media.data")).singleElement()
                .satisfies(c -> assertThat(c.binary()).isTrue());
    }

    @Test
    void aConversationIsFoundByAWordOfItsEncryptedMessagesButNotByPartOfAWord() {
        long biopsy = patientTexts("+19292031101", "Are my Zymurgical BIOPSY results back? Friday works.");
        long refill = patientTexts("+19292031102", "I need a zymurgical refill");

        assertThat(words.conversationsWithAllWords("biopsy", 0, 10)).contains(biopsy).doesNotContain(refill);
        assertThat(words.conversationsWithAllWords("zymurgical", 0, 10)).contains(biopsy, refill);
        assertThat(words.conversationsWithAllWords("Zymurgical, friday!", 0, 10)).contains(biopsy)
                .doesNotContain(refill);
        assertThat(words.conversationsWithAllWords("zymurgical biopsy refill", 0, 10))
                .doesNotContain(biopsy, refill);
        assertThat(words.conversationsWithAllWords("biop", 0, 10)).doesNotContain(biopsy);
        assertThat(words.conversationsWithAllWords("opsy", 0, 10)).doesNotContain(biopsy);
        assertThat(words.countConversationsWithAllWords("zymurgical")).isGreaterThanOrEqualTo(2);
        assertThat(words.conversationsWithAllWords("   ", 0, 10)).isEmpty();
        assertThat(jdbc.queryForList("select word_hash from message_word", String.class))
                .allSatisfy(hash -> assertThat(hash).matches("[0-9a-f]{32}"));
    }

    @Test
    void aRepliesWordsAndAVoicemailsLaterTranscriptAreFoundToo() {
        String phone = "+19292031103";
        long conversation = patientTexts(phone, "Hello");
        StaffMember nurse = nurse();

        replies.reply(nurse, conversation, "Please bring your xerophthalmia forms");
        carrier.leaveVoicemail(LINE, phone, "audio/mpeg", "vm.mp3", new byte[] {1, 2, 3},
                "Calling about my colonoscopy preparation", false);

        assertThat(words.conversationsWithAllWords("xerophthalmia", 0, 10)).containsExactly(conversation);
        assertThat(words.conversationsWithAllWords("colonoscopy preparation", 0, 10)).containsExactly(conversation);
    }

    @Test
    void parleysOwnLinesAndStopConfirmationsAreNotInTheWordIndexSoADumpCannotLearnTheirWordsHashes() {
        String phone = "+19292031107";
        long conversation = patientTexts(phone, "Any news on the quinsy swab?");

        patientTexts(phone, "STOP");

        assertThat(jdbc.queryForObject("select count(*) from message where conversation_id = ? and (direction = "
                + "'SYSTEM' or system_reply = true)", Long.class, conversation)).isEqualTo(2);
        assertThat(jdbc.queryForObject("select count(*) from message_word w join message m on m.id = w.message_id "
                + "where m.conversation_id = ? and (m.direction = 'SYSTEM' or m.system_reply = true)", Long.class,
                conversation)).isZero();
        assertThat(words.conversationsWithAllWords("opted replying", 0, 100)).doesNotContain(conversation);
        assertThat(words.conversationsWithAllWords("quinsy", 0, 10)).containsExactly(conversation);
        assertThat(words.conversationsWithAllWords("stop", 0, 100)).contains(conversation);
    }

    @Test
    void aMovedMessageIsFoundInTheConversationItMovedTo() {
        String phone = "+19292031104";
        ContactSummary guardian = contacts.createPatient("nurse", new PatientDetails("Gina", "Guardian",
                LocalDate.of(1980, 3, 4), phone, null, null));
        ContactSummary child = families.addDependent("nurse", guardian.id(), new PatientDetails("Kid", "Guardian",
                LocalDate.of(2015, 5, 6), null, null, null));
        long guardians = patientTexts(phone, "Is the quokka vaccination due?");
        long messageId = jdbc.queryForObject("select max(id) from message where conversation_id = ? "
                + "and direction = 'INBOUND'", Long.class, guardians);

        long childs = moves.moveMessage(nurse(), messageId, child.id());

        assertThat(words.conversationsWithAllWords("quokka", 0, 10)).containsExactly(childs);
    }

    @Test
    void afterARotationNewDataGoesUnderTheNewKeyAndTheJobLeavesNothingUnderTheOldKey() {
        String phone = "+19292031105";
        byte[] picture = ("PICTURE-" + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);
        carrier.textPractice(LINE, phone, "Photo of the rash", "image/png", "rash.png", picture);
        long conversation = conversationOf(phone);
        ContactSummary patient = contacts.createPatient("nurse", new PatientDetails("Rita", "Rotation",
                LocalDate.of(1970, 1, 1), phone, null, "Prefers afternoon calls"));
        String secret = lines.find(LINE).orElseThrow().settings().get("signingSecret");
        int old = ring.primaryId();
        Map<Long, Long> versions = messageVersions();
        actAs("admin", "ADMIN");

        int rotated = administration.rotate("admin");
        long reply = replies.reply(nurse(), conversation, "Written after the rotation").id();

        assertThat(rotated).isEqualTo(old + 1);
        assertThat(cipher.keyIdOf(jdbc.queryForObject("select body from message where id = ?", String.class,
                reply))).hasValue(rotated);
        job.runNow(AuditLog.SYSTEM);
        for (EncryptedColumns.Column column : columns.all()) {
            List<Object> stored = jdbc.queryForList("select " + column.column() + " from " + column.table()
                    + " where " + column.column() + " is not null", Object.class);
            assertThat(stored).as(column.name()).allSatisfy(value -> assertThat(value instanceof byte[] bytes
                    ? cipher.keyIdOf(bytes) : cipher.keyIdOf((String) value)).hasValue(rotated));
        }
        assertThat(conversations.thread(conversation, 0, 10)).extracting(MessageView::body)
                .contains("Photo of the rash", "Written after the rotation");
        long mediaId = conversations.thread(conversation, 0, 10).stream().flatMap(m -> m.media().stream())
                .findFirst().orElseThrow().id();
        assertThat(conversations.attachment(mediaId)).contains(picture);
        assertThat(lines.find(LINE).orElseThrow().settings()).containsEntry("signingSecret", secret);
        assertThat(contacts.details("nurse", patient.id()).orElseThrow().internalNote())
                .isEqualTo("Prefers afternoon calls");
        assertThat(registry.known()).filteredOn(k -> k.purpose().equals(KeyRegistry.DATA) && k.keyId() == old)
                .singleElement().satisfies(k -> assertThat(k.retiredAt()).isNotNull());
        assertThat(messageVersions()).containsAllEntriesOf(versions);
        assertThat(audit.newest(PageRequest.of(0, 50))).extracting(AuditEntry::action)
                .contains("ENCRYPTION_KEY_ROTATED", "REENCRYPTION_FINISHED");
    }

    @Test
    void valuesOfARowBoundColumnWrittenBeforeItWasBoundStillReadAndTheJobRewritesThemBoundToTheirRow() {
        RowBoundColumn column = new RowBoundColumn("signing_key", "name", "key_value");
        String formatOne = cipher.encrypt("secret-of-the-first-format");
        jdbc.update("insert into signing_key (name, key_value, created_at) values ('test-format-one', ?, ?), "
                + "('test-plaintext', 'secret-kept-in-plaintext', ?)", formatOne,
                Timestamp.from(clock.instant()), Timestamp.from(clock.instant()));
        try {
            assertThat(cipher.decrypt(formatOne, column.at("test-format-one"))).isEqualTo("secret-of-the-first-format");

            job.runNow(AuditLog.SYSTEM);

            String upgraded = storedKey("test-format-one");
            String sealed = storedKey("test-plaintext");
            assertThat(upgraded).startsWith(FieldCipher.boundTextHeader(ring.primaryId()));
            assertThat(sealed).startsWith(FieldCipher.boundTextHeader(ring.primaryId()))
                    .doesNotContain("plaintext");
            assertThat(cipher.decrypt(upgraded, column.at("test-format-one"))).isEqualTo("secret-of-the-first-format");
            assertThat(cipher.decrypt(sealed, column.at("test-plaintext"))).isEqualTo("secret-kept-in-plaintext");
            assertThat(job.notUnderPrimaryKey()).isZero();

            jdbc.update("update signing_key set key_value = ? where name = 'test-plaintext'", upgraded);
            assertThatThrownBy(() -> cipher.decrypt(storedKey("test-plaintext"), column.at("test-plaintext")))
                    .isInstanceOf(DecryptionFailedException.class)
                    .hasMessageContaining("signing_key.key_value")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("secret", upgraded.substring(15)));
        } finally {
            jdbc.update("delete from signing_key where name in ('test-format-one', 'test-plaintext')");
        }
    }

    private String storedKey(String name) {
        return jdbc.queryForObject("select key_value from signing_key where name = ?", String.class, name);
    }

    @Test
    void aValueCopiedIntoAnotherColumnFailsToDecryptNamingOnlyTheColumn() {
        long conversation = patientTexts("+19292031107", "My Zoloft dose is too high");
        ContactSummary patient = contacts.createPatient("nurse", new PatientDetails("Sam", "Swapped",
                LocalDate.of(1981, 4, 5), "+19292031109", null, "Allergic to penicillin"));
        String body = jdbc.queryForObject("select body from message where conversation_id = ? and direction = "
                + "'INBOUND'", String.class, conversation);
        String note = jdbc.queryForObject("select internal_note from contact where id = ?", String.class,
                patient.id());
        assertThat(body).startsWith(FieldCipher.boundTextHeader(ring.primaryId()));

        // Someone with write access to the database moves the message's text into the patient's note.
        jdbc.update("update contact set internal_note = ? where id = ?", body, patient.id());
        try {
            assertThatThrownBy(() -> contacts.details("nurse", patient.id())).satisfies(e -> {
                List<Throwable> chain = new ArrayList<>();
                for (Throwable t = e; t != null; t = t.getCause()) {
                    chain.add(t);
                }
                assertThat(chain).filteredOn(t -> t instanceof DecryptionFailedException).singleElement()
                        .satisfies(t -> assertThat(t.getMessage()).contains("contact.internal_note"));
                assertThat(chain).extracting(t -> String.valueOf(t.getMessage())).allSatisfy(message ->
                        assertThat(message).doesNotContain("Zoloft", "penicillin", body.substring(15)));
            });
        } finally {
            jdbc.update("update contact set internal_note = ? where id = ?", note, patient.id());
        }
        assertThat(contacts.details("nurse", patient.id()).orElseThrow().internalNote())
                .isEqualTo("Allergic to penicillin");
    }

    @Test
    void valuesEncryptedBeforeColumnsWereBoundStillReadAndTheJobRewritesThemBoundToTheirColumn() {
        byte[] picture = ("PICTURE-" + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);
        assertThat(carrier.textPractice(LINE, "+19292031108", "Photo of the cut", "image/png", "cut.png", picture)
                .accepted()).isTrue();
        long conversation = conversationOf("+19292031108");
        long message = jdbc.queryForObject("select m.id from message m join message_media d on d.message_id = m.id "
                + "where m.conversation_id = ?", Long.class, conversation);
        // As an earlier Parley wrote them: format 1, bound to nothing.
        jdbc.update("update message set body = ? where id = ?", cipher.encrypt("Photo of the old cut"), message);
        jdbc.update("update message_media set data = ? where message_id = ?", cipher.encrypt(picture), message);

        MessageView read = conversations.thread(conversation, 0, 10).stream().filter(m -> m.id() == message)
                .findFirst().orElseThrow();
        assertThat(read.body()).isEqualTo("Photo of the old cut");
        assertThat(conversations.attachment(read.media().getFirst().id())).contains(picture);
        assertThat(job.notUnderPrimaryKey()).isGreaterThanOrEqualTo(2);

        job.runNow(AuditLog.SYSTEM);

        assertThat(jdbc.queryForObject("select body from message where id = ?", String.class, message))
                .startsWith(FieldCipher.boundTextHeader(ring.primaryId()));
        assertThat(jdbc.queryForObject("select data from message_media where message_id = ?", byte[].class,
                message)).startsWith(FieldCipher.boundBytesHeader(ring.primaryId()));
        assertThat(job.notUnderPrimaryKey()).isZero();
        assertThat(conversations.thread(conversation, 0, 10)).extracting(MessageView::body)
                .contains("Photo of the old cut");
        assertThat(conversations.attachment(read.media().getFirst().id())).contains(picture);
    }

    @Test
    void aDamagedValueFailsLoudlyWithoutShowingItAndTheJobLeavesItWhileReencryptingTheRest() {
        ContactSummary patient = contacts.createPatient("nurse", new PatientDetails("Dana", "Damaged",
                LocalDate.of(1975, 2, 3), "+19292031106", null, "Takes warfarin daily"));
        String stored = jdbc.queryForObject("select internal_note from contact where id = ?", String.class,
                patient.id());
        String damaged = stored.substring(0, stored.length() - 3) + (stored.endsWith("AAA") ? "BBB" : "AAA");
        jdbc.update("update contact set internal_note = ? where id = ?", damaged, patient.id());
        try {
            assertThatThrownBy(() -> contacts.details("nurse", patient.id())).satisfies(e -> {
                List<Throwable> chain = new ArrayList<>();
                for (Throwable t = e; t != null; t = t.getCause()) {
                    chain.add(t);
                }
                assertThat(chain).hasAtLeastOneElementOfType(DecryptionFailedException.class);
                assertThat(chain).extracting(t -> String.valueOf(t.getMessage()))
                        .allSatisfy(message -> assertThat(message).doesNotContain("warfarin", damaged));
            });

            int rotated = ring.rotate();
            registry.registered(rotated);
            job.runNow(AuditLog.SYSTEM);

            assertThat(job.progress().parts()).filteredOn(p -> p.name().equals("contact.internal_note"))
                    .singleElement().satisfies(p -> assertThat(p.failed()).isEqualTo(1));
            assertThat(jdbc.queryForObject("select internal_note from contact where id = ?", String.class,
                    patient.id())).isEqualTo(damaged);
            assertThat(job.notUnderPrimaryKey()).isEqualTo(1);
            assertThat(registry.known()).filteredOn(k -> k.purpose().equals(KeyRegistry.DATA)
                    && k.keyId() == rotated - 1).singleElement().satisfies(k -> assertThat(k.retiredAt()).isNull());
        } finally {
            jdbc.update("update contact set internal_note = null where id = ?", patient.id());
        }
    }

    @Test
    void aKeyFileThatCannotReadThisDatabaseStopsTheStartNamingTheKeyButNotShowingIt() throws IOException {
        Path otherFile = temporaryFolder().resolve("other.keys");
        KeyRing other = new KeyRing(otherFile);
        KeyRegistry check = new KeyRegistry(other, jdbc, tx, clock);
        String ourKeys = Files.readString(KEYS);
        String theirKeys = Files.readString(otherFile);

        assertThatThrownBy(check::checkAndRegister)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Parley cannot start")
                .hasMessageContaining("holds a different key 1")
                .hasMessageContaining(otherFile.toString())
                .hasMessageContaining("a new one was created")
                .satisfies(e -> {
                    for (String line : (ourKeys + theirKeys).lines().filter(l -> l.contains("=")).toList()) {
                        String value = line.substring(line.indexOf('=') + 1);
                        if (value.length() > 8) {
                            assertThat(e.getMessage()).doesNotContain(value);
                        }
                    }
                });
        assertThat(registry.known()).allSatisfy(k -> assertThat(k.fingerprint())
                .isNotEqualTo(KeyRegistry.fingerprint(other.key(1))));
    }

    @Test
    void staffCannotRotateTheKey() {
        actAs("nurse", "STAFF");
        int before = ring.primaryId();

        assertThatThrownBy(() -> administration.rotate("nurse"))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> administration.reencrypt("nurse"))
                .isInstanceOf(AccessDeniedException.class);
        assertThat(ring.primaryId()).isEqualTo(before);
    }

    private long patientTexts(String phone, String text) {
        assertThat(carrier.textPractice(LINE, phone, text, null, null, null).accepted()).isTrue();
        return conversationOf(phone);
    }

    private long conversationOf(String phone) {
        return jdbc.queryForObject("select max(c.id) from conversation c join contact k on k.id = c.contact_id "
                + "where k.phone_number = ?", Long.class, phone);
    }

    private StaffMember nurse() {
        return staff.account("nurse", "Nina Nurse", "a nurse's long password", Role.STAFF);
    }

    private Map<Long, Long> messageVersions() {
        Map<Long, Long> versions = new HashMap<>();
        // Patients' messages and system lines only: replies change version as they are sent.
        jdbc.query("select id, version from message where direction in ('INBOUND', 'VOICEMAIL', 'SYSTEM')", rs -> {
            versions.put(rs.getLong(1), rs.getLong(2));
        });
        return versions;
    }

    private void actAs(String username, String role) {
        var context = security.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(username, null,
                List.of(new SimpleGrantedAuthority("ROLE_" + role))));
        security.setContext(context);
    }

    private static Path temporaryFolder() {
        try {
            return Files.createTempDirectory("parley-keys");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package org.parley.encryption;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.parley.audit.AuditLog;
import org.parley.conversation.ConversationService;
import org.parley.conversation.MessageView;
import org.parley.inbox.MessageWords;
import org.parley.line.LineService;
import org.parley.patient.ContactService;
import org.parley.simulator.SandboxCarrier;
import org.parley.testsupport.PluginArchives;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A database from before encryption (migrated to V9, rows in plaintext) opened by this version: staff read it as
 * before, the job that runs at start encrypts every row and indexes the old messages' words.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class UpgradeFromPlaintextIT {

    private static final String URL = "jdbc:h2:mem:upgrade-from-plaintext;DB_CLOSE_DELAY=-1";
    private static final String TEXT = "Is my ultrasound still on Tuesday?";
    private static final String NOTE = "Prefers calls after 3pm";
    private static final String SECRET = "legacy-plaintext-signing-secret-0123456789ab";
    private static final byte[] SCAN = "SCAN-OF-THE-KNEE".getBytes(StandardCharsets.UTF_8);
    private static final Path KEYS = legacyDatabaseAndKeyFolder().resolve("parley.keys");

    @DynamicPropertySource
    static void theOldDatabase(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> URL);
        registry.add("parley.plugins.dir", () -> PluginArchives.directory().toString());
        registry.add("parley.encryption.key-file", KEYS::toString);
        registry.add("parley.encryption.reencrypt-on-start", () -> "true");
    }

    @Autowired
    Reencryption job;
    @Autowired
    EncryptedColumns columns;
    @Autowired
    FieldCipher cipher;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ConversationService conversations;
    @Autowired
    MessageWords words;
    @Autowired
    ContactService contacts;
    @Autowired
    LineService lines;
    @Autowired
    SandboxCarrier carrier;

    @Test
    void theJobAtStartEncryptsEveryOldRowAndStaffReadThemAsBefore() {
        job.runNow(AuditLog.SYSTEM); // waits for the run that started with the app, if it is still going

        for (EncryptedColumns.Column column : columns.all()) {
            List<Object> stored = jdbc.queryForList("select " + column.column() + " from " + column.table()
                    + " where " + column.column() + " is not null", Object.class);
            assertThat(stored).as(column.name()).allSatisfy(value -> assertThat(value instanceof byte[] bytes
                    ? cipher.keyIdOf(bytes) : cipher.keyIdOf((String) value)).hasValue(1));
        }
        long conversation = jdbc.queryForObject("select id from conversation", Long.class);
        List<MessageView> thread = conversations.thread(conversation, 0, 10);
        assertThat(thread).extracting(MessageView::body).containsExactly(TEXT);
        assertThat(conversations.attachment(thread.getFirst().media().getFirst().id())).contains(SCAN);
        assertThat(thread.getFirst().media().getFirst().fileName()).isEqualTo("knee.jpg");
        assertThat(lines.find("sandbox").orElseThrow().settings()).containsEntry("signingSecret", SECRET);
        long patient = jdbc.queryForObject("select id from contact", Long.class);
        assertThat(contacts.details("admin", patient).orElseThrow().internalNote()).isEqualTo(NOTE);
        assertThat(carrier.phone("+19292032001", 10)).singleElement()
                .satisfies(entry -> assertThat(entry.body()).isEqualTo(TEXT));
    }

    @Test
    void oldMessagesAreFoundByTheirWordsOnceTheJobHasRun() {
        job.runNow(AuditLog.SYSTEM);

        long conversation = jdbc.queryForObject("select id from conversation", Long.class);
        assertThat(words.conversationsWithAllWords("ultrasound tuesday", 0, 10)).containsExactly(conversation);
        assertThat(jdbc.queryForMap("select after_id, until_id from encryption_backfill where name = ?",
                "message words")).satisfies(progress ->
                assertThat(progress.get("after_id")).isEqualTo(progress.get("until_id")));
    }

    /** Builds the V9 database with plaintext rows (generated ids, as the app made them) before the app starts. */
    private static Path legacyDatabaseAndKeyFolder() {
        Flyway.configure().dataSource(URL, "parley", "").target("9").load().migrate();
        Timestamp now = Timestamp.from(Instant.parse("2026-01-05T10:00:00Z"));
        try (Connection db = DriverManager.getConnection(URL, "parley", "")) {
            insert(db, "insert into line (id, display_name, phone_number, provider_id, created_at, version) "
                    + "values ('sandbox', 'Sandbox line', '+15555550100', 'sandbox', ?, 0)", now);
            insert(db, "insert into line_setting (line_id, name, setting_value) values ('sandbox', 'signingSecret', ?)",
                    SECRET);
            insert(db, "insert into contact (kind, phone_number, first_name, last_name, first_name_key, "
                    + "last_name_key, date_of_birth, internal_note, created_at, version) values ('PATIENT', "
                    + "'+19292032001', 'Olga', 'Oldrow', 'olga', 'oldrow', DATE '1960-02-03', ?, ?, 0)", NOTE, now);
            insert(db, "insert into conversation (line_id, contact_id, status, last_activity_at, last_inbound_at, "
                    + "last_preview, created_at, version) values ('sandbox', (select id from contact), 'OPEN', ?, ?, ?, ?, 0)",
                    now, now, TEXT, now);
            insert(db, "insert into message (conversation_id, line_id, direction, body, status, "
                    + "provider_message_id, message_key, attempts, created_at, updated_at, version) values "
                    + "((select id from conversation), 'sandbox', 'INBOUND', ?, 'RECEIVED', 'SBX-legacy-1', 'legacy-key-1', 0, ?, ?, 0)",
                    TEXT, now, now);
            insert(db, "insert into message_media (message_id, content_type, file_name, size_bytes, data, created_at) "
                    + "values ((select id from message), 'image/jpeg', 'knee.jpg', ?, ?, ?)", (long) SCAN.length, SCAN, now);
            insert(db, "insert into sandbox_phone_message (carrier_message_id, line_id, phone_number, direction, "
                    + "body, media_content_type, media_file_name, media_data, status, created_at) values "
                    + "('SBX-legacy-1', 'sandbox', '+19292032001', 'FROM_PHONE', ?, 'image/jpeg', 'knee.jpg', ?, "
                    + "'sent', ?)", TEXT, SCAN, now);
        } catch (SQLException e) {
            throw new IllegalStateException("the pre-encryption database could not be built", e);
        }
        try {
            return Files.createTempDirectory("parley-keys");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void insert(Connection db, String sql, Object... values) throws SQLException {
        try (PreparedStatement statement = db.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                statement.setObject(i + 1, values[i]);
            }
            statement.executeUpdate();
        }
    }
}

package org.parley;

import static org.assertj.core.api.Assertions.assertThat;

import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.parley.audit.AuditAction;
import org.parley.audit.AuditLog;
import org.parley.audit.ChainCheck;
import org.parley.base.LeasedQueue;
import org.parley.conversation.ConversationService;
import org.parley.conversation.MessageView;
import org.parley.conversation.Replies;
import org.parley.encryption.EncryptionAdministration;
import org.parley.line.LineService;
import org.parley.line.LineSnapshot;
import org.parley.notify.Channels;
import org.parley.notify.NotificationPreferences;
import org.parley.notify.NotifyFixtures;
import org.parley.patient.ContactService;
import org.parley.patient.PatientDetails;
import org.parley.security.Role;
import org.parley.security.StaffFixtures;
import org.parley.security.StaffMember;
import org.parley.simulator.SandboxCarrier;
import org.parley.testsupport.PluginArchives;
import org.parley.testsupport.SandboxWebhooks;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The whole app on one database, started as in production: Flyway builds the schema, the line declared in
 * {@code application.properties} is created, the real sandbox plugin archive is loaded, and webhooks come in
 * over real HTTP. Each subclass points the app at one database; every test here runs on each of them.
 *
 * <p>Tests do not depend on their order: each uses its own provider message id and patient number, and
 * counts are compared with what was there before. The context is closed after each subclass
 * ({@link DirtiesContext}): its database is its own and is not reused by other test classes.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
abstract class AbstractMigrationIT {

    /** The line {@code application.properties} declares. */
    static final String LINE = "sandbox";
    static final String LINE_NUMBER = "+15555550100";

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    LineService lines;

    @Autowired
    ConversationService conversations;

    @Autowired
    Replies replies;

    @Autowired
    StaffFixtures staffFixtures;

    @Autowired
    NotificationPreferences preferences;

    @Autowired
    NotifyFixtures notifyFixtures;

    @Autowired
    SandboxCarrier carrier;

    @Autowired
    ContactService contacts;

    @Autowired
    StaffFixtures staff;

    @Autowired
    EncryptionAdministration encryption;

    @Autowired
    SecurityContextHolderStrategy security;

    @Autowired
    AuditLog audit;

    @Autowired
    PlatformTransactionManager transactions;

    SandboxWebhooks webhooks;

    @DynamicPropertySource
    static void realPluginArchives(DynamicPropertyRegistry registry) {
        registry.add("parley.plugins.dir", () -> PluginArchives.directory().toString());
    }

    /**
     * The names, lower case, of the indexes in the app's schema, including the unique constraints (whose
     * backing index a database may name after the constraint or not).
     */
    abstract Set<String> indexAndUniqueConstraintNames();

    /** The product name the JDBC driver reports for the database the subclass sets up. */
    abstract String databaseProductName();

    /** Every row of every table, as the database's own dump writes it (what a stolen backup shows). */
    abstract String dumpOfEveryTable() throws Exception;

    @BeforeEach
    void openCarrier() {
        webhooks = SandboxWebhooks.at(port);
    }

    @AfterEach
    void closeCarrier() {
        webhooks.close();
    }

    @Test
    void theAppRunsOnTheDatabaseUnderTest() {
        String product = jdbc.execute((ConnectionCallback<String>) c -> c.getMetaData().getDatabaseProductName());

        assertThat(product).isEqualTo(databaseProductName());
    }

    @Test
    void flywayAppliedTheCoreModelMigration() {
        List<Map<String, Object>> applied = jdbc.queryForList(
                "select \"version\", \"script\", \"success\" from \"flyway_schema_history\" "
                        + "where \"version\" is not null order by \"installed_rank\"");

        assertThat(applied).isNotEmpty();
        assertThat(applied.getFirst())
                .containsEntry("version", "1")
                .containsEntry("script", "V1__core_model.sql")
                .containsEntry("success", true);
        assertThat(applied).allSatisfy(migration -> assertThat(migration).containsEntry("success", true));
    }

    @Test
    void theSchemaHasTheInboxOutboxAndIdempotencyIndexes() {
        assertThat(indexAndUniqueConstraintNames()).contains(
                "ix_conversation_status_activity",
                "ix_conversation_contact_line",
                "ix_message_conversation_created",
                "ix_message_status_next_attempt",
                "ix_contact_phone_number",
                "ix_message_media_message",
                "ix_audit_event_occurred",
                "uq_message_key",
                "uq_message_provider_id",
                "uq_line_phone_number",
                "uq_staff_user_username");
        List<String> idempotencyColumns = jdbc.queryForList(
                "select lower(column_name) from information_schema.key_column_usage "
                        + "where lower(constraint_name) = 'uq_message_provider_id' order by ordinal_position",
                String.class);
        assertThat(idempotencyColumns).containsExactly("line_id", "provider_message_id");
    }

    @Test
    void notificationChoicesAndTheEmailQuietPeriodAreKeptInTheDatabaseUnderTest() {
        StaffMember nurse = staffFixtures.account("notify-" + UUID.randomUUID().toString()
                .substring(0, 8), "Nina Notified", "a long enough password", Role.STAFF);
        preferences.chooseForMyInbox(nurse, new Channels(true, false));
        preferences.chooseForMentions(nurse, true);
        preferences.chooseForMyInbox(nurse, new Channels(true, true));

        assertThat(preferences.of(nurse).myInbox()).isEqualTo(new Channels(true, true));
        assertThat(preferences.of(nurse).mentionEmail()).isTrue();
        Instant at = Instant.parse("2030-01-01T09:00:00.123456Z");
        assertThat(notifyFixtures.messageEmailAllowed(nurse.id(), 42, at)).isTrue();
        assertThat(notifyFixtures.messageEmailAllowed(nurse.id(), 42, at.plusSeconds(5 * 60))).isFalse();
        assertThat(notifyFixtures.messageEmailAllowed(nurse.id(), 43, at.plusSeconds(5 * 60))).isTrue();
        assertThat(notifyFixtures.messageEmailAllowed(nurse.id(), 42, at.plusSeconds(11 * 60))).isTrue();
    }

    @Test
    void aPatientTextIsAnnouncedThroughTheLeasedNotificationQueueOnTheDatabaseUnderTest() {
        assertThat(indexAndUniqueConstraintNames()).contains(
                "ix_notification_task_due",
                "ix_notification_email_due",
                "ix_notification_email_recipient");
        String secret = lines.find(LINE).orElseThrow().settings().get(SandboxWebhooks.SECRET_SETTING);
        String messageId = "SM-" + UUID.randomUUID();
        long task;
        notifyFixtures.stopNotificationWorker();
        try {
            HttpResponse<String> response = webhooks.post(LINE, SandboxWebhooks.SMS, secret,
                    SandboxWebhooks.inboundSms(messageId, "+15555550131", LINE_NUMBER, "Hello"));
            assertThat(response.statusCode()).isEqualTo(200);
            task = jdbc.queryForObject("select t.id from notification_task t join message m on m.id = t.message_id "
                    + "where m.provider_message_id = ? and t.kind = 'MESSAGE'", Long.class, messageId);

            // Two other nodes: B claims the task; C may not while B's lease holds, and takes it once it has run out.
            Clock now = Clock.systemUTC();
            LeasedQueue nodeB = notifyFixtures.notificationTasksAs("node-b", now);
            LeasedQueue nodeC = notifyFixtures.notificationTasksAs("node-c", now);
            LeasedQueue nodeCLater = notifyFixtures.notificationTasksAs("node-c",
                    Clock.offset(now, Duration.ofHours(1)));
            LeasedQueue.Lease byB = nodeB.claim(task).orElseThrow();
            assertThat(nodeC.claim(task)).isEmpty();
            LeasedQueue.Lease byC = nodeCLater.claim(task).orElseThrow();
            assertThat(byC.attempts()).isEqualTo(2);
            assertThat(nodeB.finish(byB)).as("B's lease was taken over").isFalse();
            assertThat(nodeB.retryLater(byB, now.instant())).isFalse();
            assertThat(nodeCLater.retryLater(byC, now.instant())).isTrue();
        } finally {
            notifyFixtures.startNotificationWorker();
        }

        // This node's worker routes it and deletes it (with its assignees' rows).
        await().atMost(Duration.ofSeconds(15)).until(() -> jdbc.queryForObject(
                "select count(*) from notification_task where id = ?", Long.class, task) == 0);
    }

    @Test
    void aNewerEmailAboutAConversationJoinsTheOneStillWaitingOnTheDatabaseUnderTest() {
        StaffMember nurse = staffFixtures.account("mail-" + UUID.randomUUID().toString()
                .substring(0, 8), "Nina Mailed", "a long enough password", Role.STAFF);
        Instant first = Instant.parse("2030-01-01T09:00:00.123456Z");
        notifyFixtures.stopEmailWorker();
        try {
            notifyFixtures.queueMessageEmail(nurse.id(), 77, first);
            notifyFixtures.queueMessageEmail(nurse.id(), 77, first.plusSeconds(30));
            notifyFixtures.queueMessageEmail(nurse.id(), 78, first);

            assertThat(notifyFixtures.queuedEmailArrivals(nurse.id(), 77)).containsExactly(first.plusSeconds(30));
            assertThat(notifyFixtures.queuedEmailArrivals(nurse.id(), 78)).containsExactly(first);
        } finally {
            notifyFixtures.startEmailWorker();
        }

        // No mail server is set up here: the worker finds nothing to send and deletes them.
        await().atMost(Duration.ofSeconds(15)).until(() -> notifyFixtures.queuedEmailArrivals(nurse.id(), 77)
                .isEmpty() && notifyFixtures.queuedEmailArrivals(nurse.id(), 78).isEmpty());
    }

    @Test
    void theChartExportQueueAndEachMessagesExportsAreIndexed() {
        assertThat(indexAndUniqueConstraintNames()).contains(
                "ix_chart_export_conversation",
                "ix_chart_export_status_next_attempt",
                "ix_chart_export_message_message");
    }

    @Test
    void theLineDeclaredInConfigurationIsCreatedWithAGeneratedSigningSecret() {
        LineSnapshot line = lines.find(LINE).orElseThrow();

        assertThat(line.providerId()).isEqualTo("sandbox");
        assertThat(line.number()).isEqualTo(LINE_NUMBER);
        // 32 random bytes, Base64url without padding
        assertThat(line.settings().get(SandboxWebhooks.SECRET_SETTING)).matches("[A-Za-z0-9_-]{43}");
        // stored encrypted
        assertThat(jdbc.queryForObject(
                "select setting_value from line_setting where line_id = ? and name = ?", String.class,
                LINE, SandboxWebhooks.SECRET_SETTING))
                .startsWith("prly2:")
                .doesNotContain(line.settings().get(SandboxWebhooks.SECRET_SETTING));
    }

    @Test
    void aSignedTextIsStoredOnceEvenWhenTheCarrierReplaysIt() {
        long openBefore = conversations.countOpen();
        String messageId = newMessageId();
        Map<String, String> sms = SandboxWebhooks.inboundSms(messageId, "+15555550111", LINE_NUMBER,
                "Can I move my appointment to Friday?");

        HttpResponse<String> first = webhooks.post(LINE, SandboxWebhooks.SMS, secret(), sms);
        HttpResponse<String> replay = webhooks.post(LINE, SandboxWebhooks.SMS, secret(), sms);

        assertThat(first.statusCode()).as("first delivery: %s", first.body()).isEqualTo(200);
        assertThat(replay.statusCode()).as("replay: %s", replay.body()).isEqualTo(200);
        assertThat(messagesWithProviderId(messageId)).isEqualTo(1);
        Map<String, Object> stored = jdbc.queryForMap(
                "select direction, body, conversation_id from message where line_id = ? and provider_message_id = ?",
                LINE, messageId);
        assertThat(stored).containsEntry("DIRECTION", "INBOUND");
        assertThat((String) stored.get("BODY")).startsWith("prly2:").doesNotContain("appointment");
        assertThat(conversations.thread(((Number) stored.get("CONVERSATION_ID")).longValue(), 0, 10))
                .extracting(MessageView::body).contains("Can I move my appointment to Friday?");
        assertThat(contactsWithNumber("+15555550111")).isEqualTo(1);
        assertThat(conversations.countOpen()).isEqualTo(openBefore + 1);
    }

    @Test
    void aFirstTextFromANewNumberWaitsOnlyForThatNumberNotForAnotherNewNumbersIntake() throws Exception {
        String held = "+15555550141";
        String other = "+15555550172";
        assertThat(Math.floorMod(held.hashCode(), 1024)).as("the two numbers' guard rows (V68)")
                .isNotEqualTo(Math.floorMod(other.hashCode(), 1024));
        var transaction = new TransactionTemplate(transactions);
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            // Someone is giving the first number a contact, and has not committed yet.
            var holder = pool.submit(() -> transaction.executeWithoutResult(status -> {
                contacts.findOrCreateByPhone(held);
                holding.countDown();
                waitFor(release);
            }));
            assertThat(holding.await(30, TimeUnit.SECONDS)).isTrue();
            Map<String, String> heldSms = SandboxWebhooks.inboundSms(newMessageId(), held, LINE_NUMBER,
                    "Is the clinic open today?");
            var fromHeld = pool.submit(() -> webhooks.post(LINE, SandboxWebhooks.SMS, secret(), heldSms));
            var fromOther = pool.submit(() -> webhooks.post(LINE, SandboxWebhooks.SMS, secret(),
                    SandboxWebhooks.inboundSms(newMessageId(), other, LINE_NUMBER, "Can I get a refill?")));

            HttpResponse<String> otherAnswer = fromOther.get(20, TimeUnit.SECONDS);
            assertThat(otherAnswer.statusCode()).as("another new number: %s", otherAnswer.body()).isEqualTo(200);
            assertThat(contactsWithNumber(other)).isEqualTo(1);
            assertThat(fromHeld.isDone()).as("the held number's text waits for the change of its number").isFalse();

            release.countDown();
            holder.get(30, TimeUnit.SECONDS);
            HttpResponse<String> heldAnswer = fromHeld.get(30, TimeUnit.SECONDS);
            if (heldAnswer.statusCode() == 503) {
                // Its lock wait ran out while the number was held (H2 waits a second): the provider sends it again.
                heldAnswer = webhooks.post(LINE, SandboxWebhooks.SMS, secret(), heldSms);
            }
            assertThat(heldAnswer.statusCode()).as("the held number: %s", heldAnswer.body()).isEqualTo(200);
            assertThat(contactsWithNumber(held)).as("one contact for the number, not two").isEqualTo(1);
        } finally {
            release.countDown();
            pool.shutdownNow();
        }
    }

    private static void waitFor(CountDownLatch latch) {
        try {
            latch.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void aForgedOrMissingSignatureIsRefusedWith403AndNothingIsStored() {
        String messageId = newMessageId();
        Map<String, String> sms = SandboxWebhooks.inboundSms(messageId, "+15555550112", LINE_NUMBER, "Hello");

        HttpResponse<String> forged = webhooks.post(LINE, SandboxWebhooks.SMS, "not-the-line-secret", sms);
        HttpResponse<String> unsigned = webhooks.postWithSignature(LINE, SandboxWebhooks.SMS, null, sms);

        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(unsigned.statusCode()).isEqualTo(403);
        assertThat(messagesWithProviderId(messageId)).isZero();
        assertThat(contactsWithNumber("+15555550112")).isZero();
    }

    @Test
    void aWebhookForAnUnknownLineIsAnswered404() {
        String messageId = newMessageId();
        Map<String, String> sms = SandboxWebhooks.inboundSms(messageId, "+15555550113", LINE_NUMBER, "Hello");

        HttpResponse<String> response = webhooks.post("no-such-line", SandboxWebhooks.SMS, secret(), sms);

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).contains("unknown line");
        assertThat(messagesWithProviderId(messageId)).isZero();
    }

    @Test
    void aSignedTextWithoutSenderIsAnswered400NamingTheMissingField() {
        String messageId = newMessageId();
        Map<String, String> sms = SandboxWebhooks.inboundSms(messageId, null, LINE_NUMBER, "Hello");

        HttpResponse<String> response = webhooks.post(LINE, SandboxWebhooks.SMS, secret(), sms);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("'From'");
        assertThat(messagesWithProviderId(messageId)).isZero();
    }

    @Test
    void aDumpOfTheDatabaseShowsNoMessageAttachmentVoicemailNoteOrProviderSecret() throws Exception {
        String phone = "+19292037777";
        // a PNG by its first bytes, so it is kept as image/png (intake stores the type the content shows)
        byte[] picture = ByteBuffer.allocate(29).put(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A,
                0x0A}).put("PICTURE-OF-A-RASH-QZX".getBytes(StandardCharsets.UTF_8)).array();
        byte[] recording = "RECORDING-OF-A-VOICEMAIL-QJW".getBytes(StandardCharsets.UTF_8);
        assertThat(carrier.textPractice(LINE, phone, "Are my Zarkovian biopsy results in?", "image/png",
                "dora-rash.png", picture).accepted()).isTrue();
        assertThat(carrier.leaveVoicemail(LINE, phone, "audio/mpeg", "dora-voicemail.mp3", recording,
                "Please call me about the Kowalczyk prescription", false).accepted()).isTrue();
        contacts.createPatient("admin", new PatientDetails("Dora", "Dumpling", LocalDate.of(1980, 1, 2), phone, null,
                "Allergic to Xylocaine, prefers mornings"));
        long conversationId = jdbc.queryForObject("select c.id from conversation c join contact k "
                + "on k.id = c.contact_id where k.phone_number = ?", Long.class, phone);
        StaffMember nurse = staff.account("dump.nurse", "Nora Nurse", "a nurse's long password", Role.STAFF);
        replies.reply(nurse, conversationId, "Your Quixotic lab results are ready");
        await().atMost(Duration.ofSeconds(30)).until(() -> carrier.phone(phone, 10).stream()
                .anyMatch(entry -> entry.body().contains("Quixotic")));
        // What staff see is all there...
        assertThat(conversations.thread(conversationId, 0, 10)).extracting(MessageView::body)
                .contains("Are my Zarkovian biopsy results in?", "Please call me about the Kowalczyk prescription",
                        "Your Quixotic lab results are ready");

        String dump = dumpOfEveryTable();

        // ...and the dump has the rows (their plain columns), but none of what they say.
        assertThat(dump).contains("image/png", "audio/mpeg", "prly2:")
                .doesNotContain("Zarkovian", "Kowalczyk", "Xylocaine", "Quixotic", "dora-rash", "dora-voicemail",
                        "PICTURE-OF", "RECORDING-OF", secret());
        assertThat(dump.toLowerCase(Locale.ROOT))
                .doesNotContain(HexFormat.of().formatHex(picture), HexFormat.of().formatHex(recording));
    }

    @Test
    void theReencryptionJobEncryptsTextAndPicturesLeftInPlaintextByAnOlderParley() {
        String phone = "+19292037778";
        byte[] picture = "PLAIN-PICTURE-FROM-BEFORE".getBytes(StandardCharsets.UTF_8);
        assertThat(carrier.textPractice(LINE, phone, "placeholder", "image/png", "x.png", new byte[] {1})
                .accepted()).isTrue();
        long messageId = jdbc.queryForObject("select max(m.id) from message m join conversation c "
                + "on c.id = m.conversation_id join contact k on k.id = c.contact_id where k.phone_number = ?",
                Long.class, phone);
        jdbc.update("update message set body = ? where id = ?", "Written before encryption existed", messageId);
        jdbc.update("update message_media set data = ? where message_id = ?", picture, messageId);
        var admin = security.createEmptyContext();
        admin.setAuthentication(UsernamePasswordAuthenticationToken.authenticated("admin", null,
                List.of(new SimpleGrantedAuthority("ROLE_ADMIN"))));
        security.setContext(admin);
        try {
            await().pollInSameThread().atMost(Duration.ofSeconds(60)).until(() -> {
                if (encryption.status().notUnderPrimaryKey() == 0) {
                    return true;
                }
                encryption.reencrypt("admin");
                return false;
            });
        } finally {
            security.clearContext();
        }

        assertThat(jdbc.queryForObject("select body from message where id = ?", String.class, messageId))
                .startsWith("prly2:");
        assertThat(jdbc.queryForObject("select data from message_media where message_id = ?", byte[].class,
                messageId)).startsWith(0, 'p', 'r', 'l', 'y', '2');
        long conversationId = jdbc.queryForObject("select conversation_id from message where id = ?", Long.class,
                messageId);
        List<MessageView> thread = conversations.thread(conversationId, 0, 10);
        assertThat(thread).extracting(MessageView::body).contains("Written before encryption existed");
        long mediaId = thread.stream().flatMap(m -> m.media().stream()).findFirst().orElseThrow().id();
        assertThat(conversations.attachment(mediaId)).contains(picture);
    }

    @Test
    @WithMockUser(roles = "ADMIN")
    void concurrentAuditWritersAppendOneAfterAnotherAndEachChainStaysLinear() throws Exception {
        String run = UUID.randomUUID().toString();
        int writers = 8;
        int each = 25;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                String actor = "writer-" + w;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < each; i++) {
                        audit.record(actor, AuditAction.CONVERSATION_VIEWED, "run", run, "entry " + i);
                    }
                }));
            }
            for (var writer : done) {
                writer.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(jdbc.queryForObject("select count(*) from audit_event where target_id = ?", Long.class, run))
                .isEqualTo(writers * each);
        List<Map<String, Object>> chains = jdbc.queryForList(
                "select chain_id, count(*) as n, min(seq) as low, max(seq) as high, count(distinct seq) as distinct_places "
                        + "from audit_event group by chain_id");
        assertThat(chains).as("the writers' entries spread over several chains (V69)").hasSizeGreaterThan(1);
        for (Map<String, Object> chain : chains) {
            long n = ((Number) chain.get("N")).longValue();
            String which = "chain " + chain.get("CHAIN_ID");
            assertThat(((Number) chain.get("LOW")).longValue()).as(which).isEqualTo(1);
            assertThat(((Number) chain.get("HIGH")).longValue()).as(which + ": no gaps").isEqualTo(n);
            assertThat(((Number) chain.get("DISTINCT_PLACES")).longValue()).as(which + ": no forks").isEqualTo(n);
        }
        assertThat(audit.checkChain("admin").intact()).isTrue();
    }

    @Test
    @WithMockUser(roles = "ADMIN")
    void anAuditEntryChangedOrDeletedInTheDatabaseIsReportedByTheChainCheck() {
        String run = UUID.randomUUID().toString();
        for (int i = 0; i < 5; i++) {
            audit.record("tamper-test", AuditAction.CONVERSATION_VIEWED, "run", run, "entry " + i);
        }
        List<Map<String, Object>> rows = jdbc.queryForList(
                "select id, seq, detail from audit_event where target_id = ? order by id", run);
        long changedId = ((Number) rows.get(1).get("id")).longValue();
        String original = (String) rows.get(1).get("detail");
        Map<String, Object> deleted = jdbc.queryForMap("select * from audit_event where id = ?",
                ((Number) rows.get(3).get("id")).longValue());

        jdbc.update("update audit_event set detail = ? where id = ?", "entry 1, edited", changedId);
        try {
            ChainCheck changed = audit.checkChain("admin");
            assertThat(changed.intact()).isFalse();
            assertThat(changed.entryId()).isEqualTo(changedId);
            assertThat(changed.problem()).contains("was changed");
        } finally {
            jdbc.update("update audit_event set detail = ? where id = ?", original, changedId);
        }

        jdbc.update("delete from audit_event where id = ?", deleted.get("id"));
        try {
            ChainCheck missing = audit.checkChain("admin");
            assertThat(missing.intact()).isFalse();
            assertThat(missing.position()).as(missing.problem()).isEqualTo(((Number) deleted.get("seq")).longValue());
            assertThat(missing.problem()).contains("missing");
        } finally {
            List<String> columns = List.copyOf(deleted.keySet());
            jdbc.update("insert into audit_event (" + String.join(", ", columns) + ") values ("
                    + String.join(", ", Collections.nCopies(columns.size(), "?")) + ")",
                    columns.stream().map(deleted::get).toArray());
        }

        ChainCheck restored = audit.checkChain("admin");
        assertThat(restored.intact()).as("restored: %s", restored.problem()).isTrue();
    }

    String secret() {
        return lines.find(LINE).orElseThrow().settings().get(SandboxWebhooks.SECRET_SETTING);
    }

    long messagesWithProviderId(String providerMessageId) {
        return jdbc.queryForObject("select count(*) from message where line_id = ? and provider_message_id = ?",
                Long.class, LINE, providerMessageId);
    }

    long contactsWithNumber(String e164) {
        return jdbc.queryForObject("select count(*) from contact where phone_number = ?", Long.class, e164);
    }

    static String newMessageId() {
        return "SM" + UUID.randomUUID().toString().replace("-", "");
    }
}

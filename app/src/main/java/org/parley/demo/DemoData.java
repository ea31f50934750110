package org.parley.demo;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.parley.line.LineService;
import org.parley.line.LineSnapshot;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Writes fictional demo data straight into the tables in batches (a million messages through JPA one by one would
 * take an hour). Runs once at start when {@code parley.demo.patients} is set and the database holds fewer demo
 * patients than asked; the numbers are fictional and the line is the first one configured (the sandbox by default),
 * so nothing is ever texted to a real phone.
 */
@Component
@ConditionalOnProperty(name = "parley.demo.patients")
class DemoData {

    private static final Logger log = LoggerFactory.getLogger(DemoData.class);
    private static final String MRN_PREFIX = "DEMO-";
    private static final int CHUNK = 500;

    private static final String[] FIRST = {"Maria", "James", "Aisha", "Wei", "Sofia", "Liam", "Olivia", "Noah",
            "Emma", "Mateo", "Fatima", "Lucas", "Chloe", "Ethan", "Priya", "Diego", "Hannah", "Omar", "Grace", "Ivan",
            "Yuki", "Elena", "Samuel", "Zoe", "Kwame", "Nora", "Leo", "Amara", "Daniel", "Mia"};
    private static final String[] LAST = {"Garcia", "Smith", "Nguyen", "Johnson", "Khan", "Brown", "Lopez", "Chen",
            "Williams", "Patel", "Miller", "Davis", "Rodriguez", "Kim", "Martin", "Okafor", "Rossi", "Novak",
            "Andersen", "Silva", "Cohen", "Murphy", "Ali", "Tanaka", "Fischer", "Dubois", "Kowalski", "Haddad",
            "Reyes", "Walker"};
    private static final String[] FROM_PATIENT = {"Hi, can I move my appointment to next week?",
            "My prescription for lisinopril ran out, can you send a refill to the pharmacy?",
            "Are my MRI results back yet?", "I have a question about my bill from last month.",
            "Is the clinic open on Saturday?", "My insurance changed, what do you need from me?",
            "The pharmacy says they never got the prescription.", "Thank you so much!",
            "Can the doctor call me about my blood test?", "I need a school form for my son."};
    private static final String[] TO_PATIENT = {"Thanks for your message, we will get back to you today.",
            "Your refill was sent to your pharmacy.", "Your results are in; the doctor will call you tomorrow.",
            "Yes, we are open Saturday 9 to 12.", "Please send a photo of the front and back of your new card.",
            "We moved your appointment to Tuesday at 10:30."};
    private static final String[] NOTES = {"Called the pharmacy, refill confirmed.", "Left a voicemail for the patient.",
            "Forwarded to billing.", "Results reviewed by Dr. Reyes, normal.", "Insurance card received and scanned."};

    private final JdbcTemplate jdbc;
    private final LineService lines;
    private final Clock clock;
    private final int patients;
    private final int messages;
    private final DemoMessageBodies bodies;

    DemoData(JdbcTemplate jdbc, LineService lines, Clock clock, DemoMessageBodies bodies,
             DemoSettings settings) {
        this.jdbc = jdbc;
        this.lines = lines;
        this.clock = clock;
        this.patients = settings.patients();
        this.messages = settings.messages() > 0 ? settings.messages() : settings.patients() * 10;
        this.bodies = bodies;
    }

    /** Runs once the app is ready: after the lines from the configuration exist. */
    @EventListener(ApplicationReadyEvent.class)
    @Order(Ordered.LOWEST_PRECEDENCE)
    void onReady() {
        fill();
    }

    /** Adds demo patients (with a conversation each and their share of the messages) until there are enough. */
    void fill() {
        LineSnapshot line = lines.all().stream().findFirst().orElse(null);
        if (line == null) {
            log.warn("Demo data: no line is configured, so no demo data was written.");
            return;
        }
        long existing = jdbc.queryForObject("select count(*) from contact where mrn like ?", Long.class,
                MRN_PREFIX + "%");
        if (existing >= patients) {
            log.info("Demo data: {} demo patients already there.", existing);
            return;
        }
        Instant started = clock.instant();
        List<Long> authors = demoStaff();
        List<Long> listIds = demoLists(line.id());
        Random random = new Random(42 + existing);
        int perConversation = Math.max(1, messages / patients);
        long written = 0;
        for (long first = existing; first < patients; first += CHUNK) {
            int size = (int) Math.min(CHUNK, patients - first);
            List<Long> contactIds = insertPatients(first, size, random);
            List<Long> conversationIds = insertConversations(line.id(), contactIds, listIds, authors, random);
            written += insertMessages(line.id(), conversationIds, perConversation, authors, random);
            if ((first / CHUNK) % 20 == 0) {
                log.info("Demo data: {} of {} patients, {} messages written.", first + size, patients, written);
            }
        }
        log.info("Demo data: {} patients and {} messages written in {} s.", patients - existing, written,
                Duration.between(started, clock.instant()).toSeconds());
    }

    private List<Long> demoStaff() {
        List<Long> ids = new ArrayList<>();
        String[][] staff = {{"demo.nurse", "Nina Nurse (demo)"}, {"demo.front", "Frank Front (demo)"},
                {"demo.billing", "Bea Billing (demo)"}};
        for (String[] member : staff) {
            List<Long> found = jdbc.queryForList("select id from staff_user where username = ?", Long.class,
                    member[0]);
            if (found.isEmpty()) {
                // Authors of demo replies and notes; deactivated, with a password nobody knows.
                jdbc.update("insert into staff_user (username, display_name, password_hash, role, enabled, "
                        + "created_at, version, failed_logins) values (?, ?, ?, 'STAFF', false, ?, 0, 0)",
                        member[0], member[1], "{noop}" + UUID.randomUUID(), now());
                found = jdbc.queryForList("select id from staff_user where username = ?", Long.class, member[0]);
            }
            ids.add(found.get(0));
        }
        return ids;
    }

    private List<Long> demoLists(String lineId) {
        List<Long> ids = new ArrayList<>();
        for (String name : new String[] {"Front Desk", "Nurses", "Billing"}) {
            List<Long> found = jdbc.queryForList("select id from inbox_list where name = ?", Long.class, name);
            if (found.isEmpty()) {
                jdbc.update("insert into inbox_list (name, kind, created_at, version) values (?, 'TEAM', ?, 0)", name,
                        now());
                found = jdbc.queryForList("select id from inbox_list where name = ?", Long.class, name);
            }
            ids.add(found.get(0));
        }
        if (jdbc.queryForObject("select count(*) from line_default_list where line_id = ?", Long.class, lineId) == 0) {
            jdbc.update("insert into line_default_list (line_id, list_id) values (?, ?)", lineId, ids.get(0));
        }
        return ids;
    }

    private List<Long> insertPatients(long first, int size, Random random) {
        long before = maxId("contact");
        List<Object[]> rows = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            String firstName = FIRST[random.nextInt(FIRST.length)];
            String lastName = LAST[random.nextInt(LAST.length)];
            // 555-01xx numbers are too few for 100k patients: fictional numbers in the 929 area code instead.
            String phone = "+1929" + (5000000 + first + i);
            LocalDate born = LocalDate.of(1930 + random.nextInt(90), 1 + random.nextInt(12), 1 + random.nextInt(28));
            rows.add(new Object[] {phone, firstName, lastName, born, MRN_PREFIX + (first + i), firstName.toLowerCase(),
                    lastName.toLowerCase(), now()});
        }
        jdbc.batchUpdate("insert into contact (kind, phone_number, first_name, last_name, date_of_birth, mrn, "
                + "first_name_key, last_name_key, created_at, version) values ('PATIENT', ?, ?, ?, ?, ?, ?, ?, ?, 0)",
                rows);
        return jdbc.queryForList("select id from contact where id > ? and mrn like ? order by id", Long.class, before,
                MRN_PREFIX + "%");
    }

    private List<Long> insertConversations(String lineId, List<Long> contactIds, List<Long> listIds,
                                           List<Long> authors, Random random) {
        long before = maxId("conversation");
        List<Object[]> rows = new ArrayList<>(contactIds.size());
        Instant now = clock.instant();
        for (long contactId : contactIds) {
            // Most conversations are done; one in twenty is still open.
            boolean open = random.nextInt(20) == 0;
            Instant last = now.minus(Duration.ofMinutes(random.nextInt(60 * 24 * 730)));
            rows.add(new Object[] {lineId, contactId, open ? "OPEN" : "CLOSED", Timestamp.from(last),
                    Timestamp.from(last), bodies.preview(FROM_PATIENT[random.nextInt(FROM_PATIENT.length)]),
                    Timestamp.from(last.minus(Duration.ofDays(3))),
                    random.nextInt(4) == 0 ? null : listIds.get(random.nextInt(listIds.size()))});
        }
        jdbc.batchUpdate("insert into conversation (line_id, contact_id, status, last_activity_at, last_inbound_at, "
                + "last_preview, created_at, assigned_list_id, assignment_version, version) "
                + "values (?, ?, ?, ?, ?, ?, ?, ?, 0, 0)", rows);
        List<Long> ids = jdbc.queryForList("select id from conversation where id > ? order by id", Long.class, before);
        // A quarter wait for no list: they are held by a staff member.
        List<Object[]> assignees = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            if (rows.get(i)[7] == null) {
                assignees.add(new Object[] {ids.get(i), authors.get(random.nextInt(authors.size()))});
            }
        }
        jdbc.batchUpdate("insert into conversation_assignee (conversation_id, staff_user_id) values (?, ?)",
                assignees);
        return ids;
    }

    private long insertMessages(String lineId, List<Long> conversationIds, int perConversation, List<Long> authors,
                                Random random) {
        List<Object[]> rows = new ArrayList<>(conversationIds.size() * perConversation);
        List<String> texts = new ArrayList<>(conversationIds.size() * perConversation);
        Instant now = clock.instant();
        for (long conversationId : conversationIds) {
            Instant at = now.minus(Duration.ofDays(3 + random.nextInt(700)));
            for (int m = 0; m < perConversation; m++) {
                at = at.plus(Duration.ofMinutes(1 + random.nextInt(240)));
                int kind = m == 0 ? 0 : random.nextInt(10);
                String direction = kind < 5 ? "INBOUND" : kind < 9 ? "OUTBOUND" : "NOTE";
                String body = switch (direction) {
                    case "INBOUND" -> FROM_PATIENT[random.nextInt(FROM_PATIENT.length)];
                    case "OUTBOUND" -> TO_PATIENT[random.nextInt(TO_PATIENT.length)];
                    default -> NOTES[random.nextInt(NOTES.length)];
                };
                Long author = direction.equals("INBOUND") ? null : authors.get(random.nextInt(authors.size()));
                String status = switch (direction) {
                    case "INBOUND" -> "RECEIVED";
                    case "OUTBOUND" -> "DELIVERED";
                    default -> null;
                };
                rows.add(new Object[] {conversationId, lineId, direction, bodies.stored(body), author, status,
                        UUID.randomUUID().toString(), Timestamp.from(at), Timestamp.from(at)});
                texts.add(body);
            }
        }
        long before = maxId("message");
        jdbc.batchUpdate("insert into message (conversation_id, line_id, direction, body, author_id, status, "
                + "message_key, attempts, created_at, updated_at, version, system_reply) "
                + "values (?, ?, ?, ?, ?, ?, ?, 0, ?, ?, 0, false)", rows);
        // The word index, as the app keeps it for every stored text (searching message words).
        List<Long> ids = jdbc.queryForList("select id from message where id > ? order by id", Long.class, before);
        List<Object[]> words = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            for (String hash : bodies.wordHashes(texts.get(i))) {
                words.add(new Object[] {ids.get(i), hash, rows.get(i)[0]});
            }
        }
        jdbc.batchUpdate("insert into message_word (message_id, word_hash, conversation_id) values (?, ?, ?)", words);
        return rows.size();
    }

    private long maxId(String table) {
        Long max = jdbc.queryForObject("select max(id) from " + table, Long.class);
        return max == null ? 0 : max;
    }

    private Timestamp now() {
        return Timestamp.from(clock.instant());
    }
}

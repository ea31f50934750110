package org.parley.inbox.ui;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.parley.encryption.BulkEncryption;
import org.parley.encryption.WordHashes;
import org.parley.inbox.ConversationSearch;
import org.parley.inbox.Inbox;
import org.parley.inbox.InboxService;
import org.parley.inbox.Reading;
import org.parley.lists.InboxListSummary;
import org.parley.lists.ListService;
import org.parley.security.StaffDirectory;
import org.parley.security.StaffMember;
import org.parley.testsupport.EmbeddedPostgresql;
import org.parley.testsupport.KaribuTest;
import org.parley.testsupport.PerformanceDoc;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The inbox's server time at a practice's scale (issue 16): 100,000 patients and 1,000,000 messages, on embedded
 * PostgreSQL and on H2 (a file, as the default configuration keeps it). Fills the tables by SQL as the application
 * would have written them (encrypted bodies and previews, the word index, the latest-activity and latest-patient-message
 * columns, who saw what, assignments, waits), then times what staff do by calling what the inbox view calls: each
 * view's first page and count, the navigation's counts, page 100 of Closed, opening a conversation of 200 messages
 * (the panel, built as the view builds it) and searches. p50 and p95 over repeated runs after a warm-up. Runs only
 * with {@code -Pbench}; it measures, it does not judge. {@code -Dparley.bench.quick=true}: 2,000 patients and 20,000
 * messages, a few runs.
 */
class InboxBenchmark {

    static final boolean QUICK = Boolean.getBoolean("parley.bench.quick");
    static final int PATIENTS = QUICK ? 2_000 : Integer.getInteger("parley.bench.patients", 100_000);
    static final int MESSAGES = QUICK ? 20_000 : Integer.getInteger("parley.bench.messages", 1_000_000);
    static final int WARMUP = QUICK ? 1 : 3;
    static final int RUNS = QUICK ? 3 : 20;
    static final int PAGE = 50;
    static final String HEADING = "## Inbox at a practice's scale";

    /** The tables measured so far in this run, by database: the section shows every database measured. */
    static final Map<String, String> TABLES = new LinkedHashMap<>();

    static final EmbeddedPostgres POSTGRES = EmbeddedPostgresql.start();


    @AfterAll
    static void stopPostgres() throws IOException {
        POSTGRES.close();
    }

    @Nested
    @SpringBootTest(properties = {"parley.plugins.dir=${parley.test.plugins-dir}", "logging.level.org.parley=WARN"})
    @DirtiesContext
    class OnPostgreSQL extends Measured {

        @DynamicPropertySource
        static void postgres(DynamicPropertyRegistry registry) {
            EmbeddedPostgresql.useFor(registry, POSTGRES);
        }

        @Test
        void inboxAtAPracticesScaleOnPostgreSQL() throws IOException {
            measure("PostgreSQL (embedded, zonky, default settings)", true);
        }
    }

    @Nested
    @SpringBootTest(properties = {"parley.plugins.dir=${parley.test.plugins-dir}", "logging.level.org.parley=WARN"})
    @DirtiesContext
    class OnH2 extends Measured {

        @DynamicPropertySource
        static void h2(DynamicPropertyRegistry registry) throws IOException {
            Path dir = Files.createTempDirectory("parley-inbox-bench");
            // As the default configuration keeps it: a file (application.properties), not memory.
            registry.add("spring.datasource.url", () -> "jdbc:h2:file:" + dir.resolve("parley")
                    + ";DB_CLOSE_ON_EXIT=FALSE");
        }

        @Test
        void inboxAtAPracticesScaleOnH2() throws IOException {
            measure("H2 (file, the default configuration)", false);
        }
    }

    /** The fill and the measurements, the same on both databases. */
    abstract static class Measured extends KaribuTest {

        @Autowired
        JdbcTemplate jdbc;
        @Autowired
        StaffDirectory directory;
        @Autowired
        InboxService inboxes;
        @Autowired
        ListService lists;
        @Autowired
        ConversationPanels panels;
        @Autowired
        BulkEncryption encryption;
        @Autowired
        WordHashes wordHashes;
        @Autowired
        Clock clock;

        private Fill fill;

        void measure(String database, boolean postgres) throws IOException {
            if (!directory.hasAnyUser()) {
                directory.createFirstAdmin("admin", "Ada Admin", "a long enough password");
            }
            loginAs("admin", "ADMIN");
            long filling = System.nanoTime();
            fill = new Fill(jdbc, encryption, wordHashes, clock.instant(), postgres);
            fill.fill(PATIENTS, MESSAGES, directory.findByUsername("admin").orElseThrow().id());
            double fillSeconds = (System.nanoTime() - filling) / 1e9;
            StaffMember me = directory.findByUsername("admin").orElseThrow();

            List<Inbox> views = new ArrayList<>();
            views.add(new Inbox.Mine());
            for (InboxListSummary list : lists.listsOf(me.id())) {
                views.add(new Inbox.OfList(list.id()));
            }
            views.add(new Inbox.AllOpen());
            views.add(new Inbox.Closed());
            views.add(new Inbox.Blocked());
            views.add(new Inbox.OfColleague(fill.colleague()));

            List<List<String>> rows = new ArrayList<>();
            for (Inbox view : views) {
                String name = name(view);
                rows.add(row("first page: " + name, 30, () -> inboxes.conversations(me, view, 0, PAGE,
                        Reading.FRESH).size()));
                // What the view's own count line asks (InboxView.refreshCount).
                rows.add(row("count: " + name, 30, () -> view instanceof Inbox.Closed
                        ? inboxes.countClosed(me) : inboxes.count(me, view).total()));
            }
            rows.add(row("counts: the navigation's " + views.size() + " views (InboxNavigation)", 30,
                    () -> (long) inboxes.counts(me, views.subList(0, views.size() - 1), Reading.FRESH).size()));
            rows.add(row("counts: the navigation without Closed (live refreshes, Closed once a minute)", 30,
                    () -> (long) inboxes.counts(me, views.stream().filter(v -> !(v instanceof Inbox.Closed)
                            && !(v instanceof Inbox.OfColleague)).toList(), Reading.FRESH).size()));
            rows.add(row("count: unread badge of the menu (InboxMenuBadge)", 30,
                    () -> inboxes.counts(me, List.of(new Inbox.AllOpen()), Reading.FRESH)
                            .get(new Inbox.AllOpen()).unread()));
            rows.add(row("page 100 of Closed", 30, () -> inboxes.conversations(me, new Inbox.Closed(), 99 * PAGE,
                    PAGE, Reading.FRESH).size()));
            rows.add(row("open a conversation of " + Fill.LONG_CONVERSATION + " messages (the panel)", 30, () -> {
                panels.open(me, fill.longConversation(), clock);
                return (long) Fill.LONG_CONVERSATION;
            }));
            Fill.Patient patient = fill.samplePatient();
            String digits = patient.phone().substring(2);
            Map<String, String> searches = new LinkedHashMap<>();
            searches.put("last name, common (" + Fill.COMMON_LAST_NAME + ")", Fill.COMMON_LAST_NAME);
            searches.put("last name, rare (" + patient.lastName() + ")", patient.lastName());
            searches.put("last and first name", patient.lastName() + ", " + patient.firstName());
            searches.put("phone (xxx) xxx-xxxx", "(" + digits.substring(0, 3) + ") " + digits.substring(3, 6) + "-"
                    + digits.substring(6));
            searches.put("phone xxx-xxx-xxxx", digits.substring(0, 3) + "-" + digits.substring(3, 6) + "-"
                    + digits.substring(6));
            searches.put("phone +1 xxx xxx xxxx", "+1 " + digits.substring(0, 3) + " " + digits.substring(3, 6) + " "
                    + digits.substring(6));
            searches.put("phone, digits only", digits);
            searches.put("date of birth (M/d/yyyy)", patient.born().getMonthValue() + "/"
                    + patient.born().getDayOfMonth() + "/" + patient.born().getYear());
            searches.put("MRN", patient.mrn());
            searches.put("one message word (" + Fill.ONE_WORD + ")", Fill.ONE_WORD);
            searches.put("two message words (" + Fill.TWO_WORDS + ")", Fill.TWO_WORDS);
            searches.put("a less common message word (" + Fill.RARE_WORD + ")", Fill.RARE_WORD);
            for (Map.Entry<String, String> search : searches.entrySet()) {
                ConversationSearch query = ConversationSearch.forText(search.getValue());
                // What the view does for a search: the first page and the "n found" line (InboxView.showList).
                rows.add(row("search: " + search.getKey(), 150, () -> {
                    inboxes.search(me, query, 0, PAGE);
                    return inboxes.countSearch(me, query);
                }));
            }
            String table = PerformanceDoc.table(List.of("what (server time)", "p50 ms", "p95 ms", "target p95 ms",
                    "rows or hits"), rows);
            TABLES.put(database, "### " + database + "\n\n" + fill.describe() + ", written by SQL in "
                    + String.format(Locale.ROOT, "%.0f", fillSeconds) + " s.\n\n" + table);
            write();
        }

        /**
         * This run's tables, and those of the other database from the section as it stands: one database can be
         * measured alone ({@code -Dit.test='InboxBenchmark$OnH2'}) without losing the other's figures.
         */
        private static List<String> tables() throws IOException {
            Map<String, String> tables = new LinkedHashMap<>();
            Path file = PerformanceDoc.file();
            if (Files.exists(file)) {
                String text = Files.readString(file);
                int at = text.indexOf(HEADING + "\n");
                if (at >= 0) {
                    int next = text.indexOf("\n## ", at + 1);
                    String section = text.substring(at, next < 0 ? text.length() : next);
                    for (String part : section.split("\n(?=### )")) {
                        if (part.startsWith("### ")) {
                            tables.put(part.substring(4, part.indexOf('\n')), part.stripTrailing() + "\n");
                        }
                    }
                }
            }
            TABLES.forEach((database, table) -> tables.put(database, table));
            return List.copyOf(tables.values());
        }

        private static String name(Inbox view) {
            return switch (view) {
                case Inbox.Mine mine -> "My inbox";
                case Inbox.OfList list -> "a list";
                case Inbox.AllOpen all -> "All open";
                case Inbox.Closed closed -> "Closed";
                case Inbox.Blocked blocked -> "BLOCKED";
                case Inbox.OfColleague colleague -> "a colleague's inbox";
            };
        }

        private List<String> row(String what, int target, Supplier<Number> run) {
            Number result = null;
            for (int i = 0; i < WARMUP; i++) {
                result = run.get();
            }
            double[] times = new double[RUNS];
            for (int i = 0; i < RUNS; i++) {
                long start = System.nanoTime();
                result = run.get();
                times[i] = (System.nanoTime() - start) / 1e6;
            }
            List<String> row = List.of(what, format(PerformanceDoc.percentile(times, 50)),
                    format(PerformanceDoc.percentile(times, 95)), String.valueOf(target), String.valueOf(result));
            System.out.println("| " + String.join(" | ", row) + " |");
            return row;
        }

        private static String format(double millis) {
            return String.format(Locale.ROOT, millis < 10 ? "%.1f" : "%.0f", millis);
        }

        private static void write() throws IOException {
            PerformanceDoc.writeSection(HEADING, PerformanceDoc.measuredOn() + ". " + String.format(Locale.ROOT,
                    "%,d patients and %,d messages", PATIENTS, MESSAGES) + (QUICK ? " (quick mode)" : "") + ". "
                    + "Server time of what staff do, by calling what the inbox view calls (`InboxService`, and for "
                    + "opening a conversation the panel as the view builds it, in a browserless session): p50 and p95 "
                    + "of " + RUNS + " runs after " + WARMUP + " warm-up runs, one after the other on an otherwise idle "
                    + "database. A view's row is its first page of " + PAGE + " (names, badges, tags and waits "
                    + "included); a search's row is its first page and its count, as the view asks both. Targets "
                    + "(issue 16): p95 <= 30 ms for pages, counts and opening, <= 150 ms for searches. Command: "
                    + "`./mvnw -Pbench verify -Dit.test='InboxBenchmark*'`.\n\n" + String.join("\n", tables()));
        }
    }

    /**
     * The practice's data, written by SQL (generate_series on PostgreSQL, system_range on H2) with explicit ids, so
     * that a message's text, its conversation and its time follow from its number: the same on both databases.
     */
    static final class Fill {

        static final int LONG_CONVERSATION = 200;
        static final String COMMON_LAST_NAME = "Smith";
        static final String ONE_WORD = "refill";
        static final String TWO_WORDS = "insurance card";
        static final String RARE_WORD = "shingles";
        private static final int BODIES = 5_000;
        private static final int LISTS = 5;
        private static final int STAFF = 12;

        // Common US last names, most common first: the i-th is picked about 1/(i+1) as often as the first.
        private static final String[] LAST = {"Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller",
                "Davis", "Rodriguez", "Martinez", "Hernandez", "Lopez", "Gonzalez", "Wilson", "Anderson", "Thomas",
                "Taylor", "Moore", "Jackson", "Martin", "Lee", "Perez", "Thompson", "White", "Harris", "Sanchez",
                "Clark", "Ramirez", "Lewis", "Robinson", "Walker", "Young", "Allen", "King", "Wright", "Scott",
                "Torres", "Nguyen", "Hill", "Flores", "Green", "Adams", "Nelson", "Baker", "Hall", "Rivera",
                "Campbell", "Mitchell", "Carter", "Roberts", "Gomez", "Phillips", "Evans", "Turner", "Diaz", "Parker",
                "Cruz", "Edwards", "Collins", "Reyes", "Stewart", "Morris", "Morales", "Murphy", "Cook", "Rogers",
                "Gutierrez", "Ortiz", "Morgan", "Cooper", "Peterson", "Bailey", "Reed", "Kelly", "Howard", "Ramos",
                "Kim", "Cox", "Ward", "Richardson", "Watson", "Brooks", "Chavez", "Wood", "James", "Bennett", "Gray",
                "Mendoza", "Ruiz", "Hughes", "Price", "Alvarez", "Castillo", "Sanders", "Patel", "Myers", "Long",
                "Ross", "Foster", "Jimenez", "Okafor", "Kowalski", "Haddad", "Tanaka", "Rossi", "Novak", "Dubois",
                "Fischer", "Andersen", "Cohen", "Khan", "Chen", "Silva", "Ali", "Nakamura", "Schmidt", "Ivanov"};
        /** How many patients have one of the common last names (the rest: the long tail). */
        private static final double COMMON_SHARE = 0.15;
        private static final String[] RARE_START = {"Ab", "Bel", "Cor", "Dar", "El", "Fen", "Gar", "Hol", "Ish", "Jor",
                "Kal", "Lom", "Mar", "Nor", "Ol", "Pen", "Quin", "Ros", "Sal", "Tor"};
        private static final String[] RARE_MIDDLE = {"a", "e", "i", "o", "u", "an", "en", "in", "on", "ar", "er",
                "or", "al", "el", "il", "ov", "ak", "ez", "ut", "ish"};
        private static final String[] RARE_END = {"berg", "ski", "son", "ez", "ova", "ini", "ley", "ton", "ford",
                "wicz", "ard", "enko", "ovic", "ida", "ane", "ello", "aki", "uri", "ow", "ix"};
        private static final String[] FIRST = {"Maria", "James", "Aisha", "Wei", "Sofia", "Liam", "Olivia", "Noah",
                "Emma", "Mateo", "Fatima", "Lucas", "Chloe", "Ethan", "Priya", "Diego", "Hannah", "Omar", "Grace",
                "Ivan", "Yuki", "Elena", "Samuel", "Zoe", "Kwame", "Nora", "Leo", "Amara", "Daniel", "Mia", "Robert",
                "Linda", "Michael", "Barbara", "William", "Susan", "David", "Jessica", "Richard", "Sarah", "Joseph",
                "Karen", "Charles", "Nancy", "Thomas", "Lisa", "Christopher", "Betty", "Anthony", "Sandra"};
        private static final String[] AREAS = {"212", "646", "718", "917", "929", "347", "516", "914"};
        // What patients and staff write, most frequent first (picked about 1/(i+1) as often as the first).
        private static final String[] VOCABULARY = ("hi hello thanks you the my appointment can is to please "
                + "for a doctor question today tomorrow we will call your need pharmacy prescription refill results "
                + "back insurance card new send photo front changed bill week next morning afternoon time office "
                + "open closed saturday monday friday test blood lab form school son daughter pain better worse fever "
                + "cough medication dose side effects allergy rash sore throat ear infection follow up visit "
                + "schedule reschedule cancel confirm arrive late parking address copay balance payment plan referral "
                + "specialist cardiology dermatology xray mri ultrasound vaccine flu shot covid booster pressure "
                + "sugar diabetes cholesterol thyroid weight sleep anxiety depression therapy physical knee back "
                + "shoulder headache migraine dizzy nausea stomach antibiotic inhaler asthma prior authorization "
                + "fax records portal password login message voicemail callback number cell home work email "
                + "interpreter spanish transport ride wheelchair shingles pneumonia colonoscopy mammogram pap "
                + "biopsy stitches bandage wound swelling").split(" ");

        record Patient(String lastName, String firstName, String phone, LocalDate born, String mrn) {
        }

        private final JdbcTemplate jdbc;
        private final BulkEncryption encryption;
        private final WordHashes hashes;
        private final Instant now;
        private final boolean postgres;
        private long conversationBase;
        private long colleague;
        private Patient sample;
        private int open;

        Fill(JdbcTemplate jdbc, BulkEncryption encryption, WordHashes hashes, Instant now, boolean postgres) {
            this.jdbc = jdbc;
            this.encryption = encryption;
            this.hashes = hashes;
            this.now = now;
            this.postgres = postgres;
        }

        long longConversation() {
            return conversationBase + 1;
        }

        long colleague() {
            return colleague;
        }

        Patient samplePatient() {
            return sample;
        }

        String describe() {
            return String.format(Locale.ROOT, "%,d patients (%.0f%% with one of %d common last names, %s about "
                    + "%.1f%%, the rest some 8,000 rarer ones), "
                    + "one conversation each, %,d messages (one conversation of %d, the rest about %d each) from a "
                    + "vocabulary of %d words in %,d distinct texts, %,d open conversations over %d lists and %d staff "
                    + "members (and 1 in 1,000 in BLOCKED), the rest closed", PATIENTS, COMMON_SHARE * 100, LAST.length,
                    COMMON_LAST_NAME, 100.0 * COMMON_SHARE / 3 / (harmonic(LAST.length + 2) - 1.5), MESSAGES, LONG_CONVERSATION,
                    (MESSAGES - LONG_CONVERSATION) / (PATIENTS - 1), VOCABULARY.length, BODIES, open, LISTS, STAFF);
        }

        private static double harmonic(int n) {
            double sum = 0;
            for (int i = 1; i <= n; i++) {
                sum += 1.0 / i;
            }
            return sum;
        }

        void fill(int patients, int messages, long admin) {
            Random random = new Random(16);
            String line = jdbc.queryForObject("select min(id) from line", String.class);
            List<Long> staff = staff(admin);
            colleague = staff.get(1);
            List<Long> listIds = lists(staff);
            long blocked = jdbc.queryForObject("select id from inbox_list where kind = 'BLOCKED'", Long.class);
            long contactBase = max("contact");
            conversationBase = max("conversation");
            long messageBase = max("message");
            if (!postgres) {
                // The rows are consistent by construction; H2 checking each foreign key of millions of rows one by one
                // would take most of the fill's time. Back on at the end.
                jdbc.execute("set referential_integrity false");
            }
            step("contacts", () -> contacts(patients, contactBase, random));
            step("texts", () -> bodies(random));
            String at = "timestamp with time zone '" + now.truncatedTo(ChronoUnit.SECONDS)
                    .toString().replace('T', ' ').replace("Z", "+00:00") + "'";
            int others = patients - 1;

            // Everything about conversation i (1..P) and message x (1..M) follows from their numbers, without
            // joins (which H2 may order badly at this size): conversation i is patient i's; about 3% are open and
            // recent, the rest closed over two years. A fifth are held by a staff member, 1 in 20 waits nowhere, the
            // rest wait in a list. Messages 1..200 are conversation 1's, then each other conversation takes a turn;
            // a message's rank from its conversation's newest is r (0: the newest, at the last activity; in an open
            // conversation the patient's, waiting for an answer). Message x's text is text mod(x, BODIES).
            String isOpen = "mod(%1$s * 7, 33) = 0";
            String lastActivity = at + " - (case when " + isOpen + " then mod(%1$s * 7919, 4320) "
                    + "else 4320 + mod(%1$s * 7919, 1051200) end) * interval '1' minute";
            String newest = "case when %1$s = 1 then " + LONG_CONVERSATION + " else " + (LONG_CONVERSATION - 1)
                    + " + %1$s end";
            String listOf = "case when mod(i, 1000) = 500 then " + blocked + " when mod(i, 20) >= 15 then null "
                    + "else case mod(i / 20, " + LISTS + ")" + caseList(listIds) + " end end";
            step("conversations", () -> jdbc.update("insert into conversation (id, line_id, contact_id, status, "
                    + "last_activity_at, last_preview, created_at, assigned_list_id, assignment_version, version) "
                    + "select " + conversationBase + " + i, ?, " + contactBase + " + i, case when "
                    + isOpen.formatted("i") + " then 'OPEN' else 'CLOSED' end, " + lastActivity.formatted("i")
                    + ", (select b.preview from bench_body b where b.n = mod(" + newest.formatted("i") + ", " + BODIES
                    + ")), " + lastActivity.formatted("i") + " - interval '30' day, " + listOf + ", 0, 0 from "
                    + series(patients, "i"), line));
            step("assignees", () -> jdbc.update("insert into conversation_assignee (conversation_id, staff_user_id) "
                    + "select " + conversationBase + " + i, " + staffCase(staff, "i") + " from "
                    + series(patients, "i") + " where mod(i, 20) between 15 and 18 and mod(i, 1000) <> 500"));
            open = jdbc.queryForObject("select count(*) from conversation where status = 'OPEN'", Integer.class);

            String direction = "case when s.r = 0 and " + isOpen.formatted("s.ci") + " then 'INBOUND' "
                    + "when mod(s.x * 7 + s.r, 10) < 5 then 'INBOUND' when mod(s.x * 7 + s.r, 10) < 9 then 'OUTBOUND' "
                    + "else 'NOTE' end";
            String created = "(" + lastActivity.formatted("s.ci") + ") - (s.r * 180 + case when s.r = 0 then 0 "
                    + "else mod(s.x * 13, 170) end) * interval '1' minute";
            BiFunction<Integer, Integer, String> numbered = (from, to) -> "(select x, case when x <= " + LONG_CONVERSATION + " then 1 else 2 + mod(x - "
                    + (LONG_CONVERSATION + 1) + ", " + others + ") end as ci, case when x <= " + LONG_CONVERSATION
                    + " then " + LONG_CONVERSATION + " - x else (x - " + (LONG_CONVERSATION + 1) + ") / " + others
                    + " end as r from " + series(from, to, "x") + ")";
            step("messages", () -> inChunks(messages, 50_000, (from, to) -> jdbc.update("insert into message (id, "
                    + "conversation_id, line_id, direction, body, "
                    + "author_id, status, message_key, attempts, created_at, updated_at, version, system_reply) "
                    + "select " + messageBase + " + s.x, " + conversationBase + " + s.ci, ?, s.direction, "
                    + "(select b.body from bench_body b where b.n = mod(s.x, " + BODIES + ")), "
                    + "case when s.direction = 'INBOUND' then null else " + staffCase(staff, "s.x") + " end, "
                    + "case s.direction when 'INBOUND' then 'RECEIVED' when 'OUTBOUND' then 'DELIVERED' else null "
                    + "end, 'bench-' || s.x, 0, " + created + ", " + created + ", 0, false from (select s.x, s.ci, "
                    + "s.r, " + direction + " as direction from " + numbered.apply(from, to) + " s) s", line)));
            // The word index, as MessageWordIndex writes it for every stored text: text n's words for messages n,
            // n + BODIES, n + 2 BODIES, ...
            step("word index", () -> inChunks(messages / BODIES + 1, 2, (from, to) -> jdbc.update("insert into "
                    + "message_word (message_id, word_hash, conversation_id) "
                    + "select " + messageBase + " + x, word_hash, " + conversationBase + " + case when x <= "
                    + LONG_CONVERSATION + " then 1 else 2 + mod(x - " + (LONG_CONVERSATION + 1) + ", " + others
                    + ") end from (select w.word_hash, w.n + " + BODIES + " * (t - 1) as x from bench_body_word w "
                    + "cross join " + series(from, to, "t") + ") wx where x between 1 and " + messages)));
            // What Conversation keeps as messages come: the time of the latest patient message.
            step("latest patient message", () -> jdbc.update("update conversation set last_inbound_at = (select "
                    + "max(m.created_at) from message m where m.conversation_id = conversation.id and m.direction = "
                    + "'INBOUND') where id > " + conversationBase));
            // Who saw what: the member of staff who handled each conversation saw it after its last message; the
            // viewer (admin) saw one in three, and half of the open ones only before the patient's latest text.
            step("seen", () -> {
                jdbc.update("insert into conversation_seen (conversation_id, staff_user_id, seen_at) select c.id, "
                        + staffCase(staff.subList(1, staff.size()), "c.id") + ", c.last_activity_at + interval '5' "
                        + "minute from conversation c where c.id > " + conversationBase);
                jdbc.update("insert into conversation_seen (conversation_id, staff_user_id, seen_at) select c.id, ?, "
                        + "case when c.status = 'OPEN' and mod(c.id, 2) = 0 then c.last_activity_at - interval '1' "
                        + "minute else c.last_activity_at + interval '1' minute end from conversation c where c.id > "
                        + conversationBase + " and mod(c.id, 3) = 0", admin);
            });
            // A patient waiting for an answer (escalation's wait): every open conversation whose newest text is theirs.
            step("waits", () -> jdbc.update("insert into conversation_waiting (conversation_id, line_id, list_id, "
                    + "waiting_since) select c.id, c.line_id, c.assigned_list_id, c.last_inbound_at from conversation c "
                    + "where c.id > " + conversationBase + " and c.status = 'OPEN' and c.last_inbound_at = "
                    + "c.last_activity_at"));
            jdbc.execute("drop table bench_body_word");
            jdbc.execute("drop table bench_body");
            restartIds();
            if (!postgres) {
                jdbc.execute("set referential_integrity true");
            }
            // As autovacuum would have: statistics, and on PostgreSQL visibility for index-only scans.
            step("analyze", () -> jdbc.execute(postgres ? "vacuum analyze" : "analyze"));
        }

        private static void step(String what, Runnable step) {
            long start = System.nanoTime();
            step.run();
            System.out.printf(Locale.ROOT, "InboxBenchmark fill: %s in %.1f s%n", what,
                    (System.nanoTime() - start) / 1e9);
        }

        private String series(int count, String name) {
            return series(1, count, name);
        }

        private String series(int from, int to, String name) {
            return postgres ? "generate_series(" + from + ", " + to + ") " + name
                    : "(select x as " + name + " from system_range(" + from + ", " + to + ")) " + name + "_range";
        }

        /**
         * Runs {@code insert} for 1..{@code count} in ranges: on H2 one statement of a million rows is one
         * transaction held in memory, and slow; PostgreSQL takes it whole.
         */
        private void inChunks(int count, int h2Size, BiConsumer<Integer, Integer> insert) {
            int size = postgres ? count : h2Size;
            for (int from = 1; from <= count; from += size) {
                insert.accept(from, Math.min(count, from + size - 1));
            }
        }

        private static String staffCase(List<Long> staff, String of) {
            StringBuilder sql = new StringBuilder("case mod(" + of + ", " + staff.size() + ")");
            for (int i = 0; i < staff.size(); i++) {
                sql.append(" when ").append(i).append(" then ").append(staff.get(i));
            }
            return sql.append(" end").toString();
        }

        private static String caseList(List<Long> lists) {
            StringBuilder sql = new StringBuilder();
            for (int i = 0; i < lists.size(); i++) {
                sql.append(" when ").append(i).append(" then ").append(lists.get(i));
            }
            return sql.toString();
        }

        private List<Long> staff(long admin) {
            List<Long> ids = new ArrayList<>(List.of(admin));
            for (int i = 1; i < STAFF; i++) {
                jdbc.update("insert into staff_user (username, display_name, password_hash, role, enabled, created_at, "
                        + "version, failed_logins) values (?, ?, ?, 'STAFF', true, ?, 0, 0)", "bench" + i,
                        FIRST[i] + " " + LAST[LAST.length - i], "{noop}" + UUID.randomUUID(), ts(now));
                ids.add(jdbc.queryForObject("select id from staff_user where username = ?", Long.class, "bench" + i));
            }
            return ids;
        }

        private List<Long> lists(List<Long> staff) {
            String[] names = {"Front Desk", "Nurses", "Billing", "Referrals", "Prescriptions"};
            List<Long> ids = new ArrayList<>();
            for (int i = 0; i < LISTS; i++) {
                jdbc.update("insert into inbox_list (name, kind, created_at, version) values (?, 'TEAM', ?, 0)",
                        names[i], ts(now));
                long id = jdbc.queryForObject("select id from inbox_list where name = ?", Long.class, names[i]);
                ids.add(id);
                // The viewer (admin) is in every list, so the navigation shows them all; others in some.
                for (int s = 0; s < staff.size(); s++) {
                    if (s == 0 || s % LISTS == i) {
                        jdbc.update("insert into inbox_list_member (list_id, staff_user_id) values (?, ?)", id,
                                staff.get(s));
                    }
                }
            }
            return ids;
        }

        private void contacts(int patients, long base, Random random) {
            double total = 0;
            for (int i = 0; i < LAST.length; i++) {
                total += 1.0 / (i + 3);
            }
            double[] cumulative = new double[LAST.length];
            double sum = 0;
            for (int i = 0; i < LAST.length; i++) {
                sum += 1.0 / (i + 3) / total;
                cumulative[i] = sum;
            }
            List<Object[]> rows = new ArrayList<>();
            for (int i = 1; i <= patients; i++) {
                String lastName;
                boolean common = random.nextDouble() < COMMON_SHARE;
                if (common) {
                    double pick = random.nextDouble();
                    int last = 0;
                    while (last < LAST.length - 1 && cumulative[last] < pick) {
                        last++;
                    }
                    lastName = LAST[last];
                } else {
                    // The long tail: some 8,000 rarer names of three syllables.
                    lastName = RARE_START[random.nextInt(RARE_START.length)]
                            + RARE_MIDDLE[random.nextInt(RARE_MIDDLE.length)]
                            + RARE_END[random.nextInt(RARE_END.length)];
                }
                String firstName = FIRST[random.nextInt(FIRST.length)];
                String phone = "+1" + AREAS[i % AREAS.length] + (2_000_000 + i);
                LocalDate born = LocalDate.of(1930, 1, 1).plusDays(random.nextInt(90 * 365));
                String mrn = String.format(Locale.ROOT, "MRN%07d", i);
                if (sample == null && i >= patients / 2 && !common) {
                    sample = new Patient(lastName, firstName, phone, born, mrn);
                }
                rows.add(new Object[] {base + i, phone, firstName, lastName, Date.valueOf(born), mrn,
                        firstName.toLowerCase(Locale.ROOT), lastName.toLowerCase(Locale.ROOT), ts(now)});
                if (rows.size() == 5_000 || i == patients) {
                    jdbc.batchUpdate("insert into contact (id, kind, phone_number, first_name, last_name, "
                            + "date_of_birth, mrn, first_name_key, last_name_key, created_at, version) "
                            + "values (?, 'PATIENT', ?, ?, ?, ?, ?, ?, ?, ?, 0)", rows);
                    rows.clear();
                }
            }
        }

        /** The texts messages are drawn from, encrypted as the app stores them, and each one's word hashes. */
        private void bodies(Random random) {
            jdbc.execute("create table bench_body (n integer primary key, body varchar(20000) not null, "
                    + "preview varchar(1000) not null)");
            jdbc.execute("create table bench_body_word (n integer not null, word_hash varchar(32) not null, "
                    + "primary key (n, word_hash))");
            double total = harmonic(VOCABULARY.length);
            double[] cumulative = new double[VOCABULARY.length];
            double sum = 0;
            for (int i = 0; i < VOCABULARY.length; i++) {
                sum += 1.0 / (i + 1) / total;
                cumulative[i] = sum;
            }
            List<Object[]> bodies = new ArrayList<>();
            List<Object[]> words = new ArrayList<>();
            for (int n = 0; n < BODIES; n++) {
                int length = 4 + random.nextInt(11);
                StringBuilder text = new StringBuilder();
                for (int w = 0; w < length; w++) {
                    double pick = random.nextDouble();
                    int word = 0;
                    while (word < VOCABULARY.length - 1 && cumulative[word] < pick) {
                        word++;
                    }
                    text.append(w == 0 ? "" : " ").append(VOCABULARY[word]);
                }
                text.append('.');
                String body = Character.toUpperCase(text.charAt(0)) + text.substring(1);
                String preview = body.length() > 160 ? body.substring(0, 159) + "…" : body;
                bodies.add(new Object[] {n, encryption.encryptText("message", "body", body),
                        encryption.encryptText("conversation", "last_preview", preview)});
                for (String hash : hashes.hashesOf(body)) {
                    words.add(new Object[] {n, hash});
                }
            }
            jdbc.batchUpdate("insert into bench_body (n, body, preview) values (?, ?, ?)", bodies);
            jdbc.batchUpdate("insert into bench_body_word (n, word_hash) values (?, ?)", words);
        }

        /** The identity columns continue after the explicit ids, so the application's own inserts do not collide. */
        private void restartIds() {
            for (String table : List.of("contact", "conversation", "message")) {
                long next = max(table) + 1;
                if (postgres) {
                    jdbc.queryForObject("select setval(pg_get_serial_sequence('" + table + "', 'id'), ?)", Long.class,
                            next);
                } else {
                    jdbc.execute("alter table " + table + " alter column id restart with " + next);
                }
            }
        }

        private long max(String table) {
            Long max = jdbc.queryForObject("select max(id) from " + table, Long.class);
            return max == null ? 0 : max;
        }

        private static Timestamp ts(Instant instant) {
            return Timestamp.from(instant);
        }
    }
}

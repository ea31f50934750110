package org.parley;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Constructor;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.migration.JavaMigration;
import org.h2.Driver;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * The migrations rule (README, "Schema migrations"): one sequence of versions, a migration once released is never
 * edited, and the migrations apply in order on H2 and PostgreSQL, from an empty database and from each released
 * schema with data in it.
 *
 * <p>Released schemas are listed in {@code db/released-schemas.txt} (test resources) with the Flyway checksum of each
 * migration they held. Parley has published no tagged version yet; the schema the first release build shipped
 * (issue 12's release archive, merged at 40f1f74) is V47. A new release adds its line.
 */
class MigrationsApplyInOrderIT {

    private static final Pattern FILE = Pattern.compile("V(\\d+)__([a-z0-9_]+)\\.sql");

    private static EmbeddedPostgres postgres;

    @BeforeAll
    static void startPostgres() throws IOException {
        postgres = EmbeddedPostgres.builder().start();
    }

    @AfterAll
    static void stopPostgres() throws IOException {
        postgres.close();
    }

    /** A new, empty database of each kind. */
    static Stream<String> databases() {
        return Stream.of("H2", "PostgreSQL");
    }

    @Test
    void theMigrationFilesFormOneSequenceAndNoneIsNumberedIntoAReleasedSchema() throws IOException {
        Map<Integer, String> files = new LinkedHashMap<>();
        for (Resource file : new PathMatchingResourcePatternResolver().getResources("classpath:db/migration/*")) {
            Matcher name = FILE.matcher(file.getFilename());
            assertThat(name.matches()).as("%s is named V<number>__<lower_case_words>.sql", file.getFilename())
                    .isTrue();
            String before = files.put(Integer.parseInt(name.group(1)), file.getFilename());
            assertThat(before).as("two migrations with version %s", name.group(1)).isNull();
        }
        for (ReleasedSchema release : ReleasedSchema.all()) {
            assertThat(files.keySet()).filteredOn(version -> version <= release.version())
                    .as("migrations numbered at or below released V%d that it did not hold: renumber them above "
                            + "the newest version on main before merging", release.version())
                    .allMatch(release.checksums()::containsKey);
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void fromAnEmptyDatabaseEveryMigrationAppliesInVersionOrder(String kind) {
        DataSource database = emptyDatabase(kind);

        flyway(database, null).migrate();

        List<MigrationInfo> applied = Arrays.asList(flyway(database, null).info().applied());
        assertThat(applied).isNotEmpty().allSatisfy(m -> assertThat(m.getState().isApplied()).isTrue());
        List<Integer> versions = applied.stream().map(m -> Integer.parseInt(m.getVersion().getVersion())).toList();
        assertThat(versions).as("installed in version order").isSorted().doesNotHaveDuplicates();
        assertThat(flyway(database, null).info().pending()).isEmpty();
        assertThat(flyway(database, null).validateWithResult().validationSuccessful).isTrue();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void fromEachReleasedSchemaWithDataInItTheMigrationsApplyAndKeepTheData(String kind) {
        for (ReleasedSchema release : ReleasedSchema.all()) {
            DataSource database = emptyDatabase(kind);
            flyway(database, Integer.toString(release.version())).migrate();
            JdbcTemplate jdbc = new JdbcTemplate(database);
            Map<Integer, Integer> checksums = new LinkedHashMap<>();
            jdbc.query("select \"version\", \"checksum\" from \"flyway_schema_history\" where \"version\" is not null",
                    row -> {
                        checksums.put(Integer.parseInt(row.getString(1)), (Integer) row.getObject(2));
                    });
            assertThat(checksums).as("V%d's migrations as released: an applied migration is never edited",
                    release.version()).isEqualTo(release.checksums());
            PracticeOfRelease practice = PracticeOfRelease.writeInto(jdbc);

            flyway(database, null).migrate();

            assertThat(flyway(database, null).info().pending()).isEmpty();
            practice.assertKeptIn(jdbc);
        }
    }

    /** The app's migrations as Spring Boot's Flyway runs them: the SQL files and the app's one Java migration. */
    private static Flyway flyway(DataSource database, String target) {
        var configuration = Flyway.configure().dataSource(database).locations("classpath:db/migration")
                .javaMigrations(auditChainMigration());
        if (target != null) {
            configuration.target(target);
        }
        return configuration.load();
    }

    /**
     * V26 seals earlier audit entries; the app hands it to Flyway as a Spring bean. It is package-private in
     * {@code audit} (nothing else should run it), so this Flyway-only test makes it by reflection.
     */
    private static JavaMigration auditChainMigration() {
        try {
            Constructor<?> constructor = Class.forName("org.parley.audit.AuditChainMigration")
                    .getDeclaredConstructor();
            constructor.setAccessible(true);
            return (JavaMigration) constructor.newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("the audit chain migration (V26) cannot be made", e);
        }
    }

    private static DataSource emptyDatabase(String kind) {
        String name = "parley_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        if (kind.equals("H2")) {
            return new SimpleDriverDataSource(new Driver(), "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1",
                    "sa", "");
        }
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("create database " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create a PostgreSQL database", e);
        }
        return postgres.getDatabase("postgres", name);
    }

    /** A released schema: its newest version and the checksum of each migration it held. */
    private record ReleasedSchema(int version, Map<Integer, Integer> checksums) {

        static List<ReleasedSchema> all() {
            Map<Integer, Map<Integer, Integer>> releases = new LinkedHashMap<>();
            try (InputStream in = MigrationsApplyInOrderIT.class.getResourceAsStream("/db/released-schemas.txt")) {
                assertThat(in).as("db/released-schemas.txt").isNotNull();
                for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                    String[] parts = line.strip().split("\\s+");
                    if (line.isBlank() || line.startsWith("#")) {
                        continue;
                    }
                    // release <schema version> <migration version> <checksum, or null for a Java migration>
                    releases.computeIfAbsent(Integer.parseInt(parts[0]), v -> new LinkedHashMap<>())
                            .put(Integer.parseInt(parts[1]), parts[2].equals("null") ? null : Integer.valueOf(parts[2]));
                }
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            List<ReleasedSchema> all = new ArrayList<>();
            releases.forEach((version, checksums) -> all.add(new ReleasedSchema(version, checksums)));
            assertThat(all).as("at least the first release's schema").isNotEmpty();
            return all;
        }
    }

    /**
     * What a practice on the released schema has: a line, a patient, a conversation with the patient's text and a
     * reply still queued, a staff member. The reply must still go after the upgrade (V48 put queued replies into
     * the leased outbound queue).
     */
    private record PracticeOfRelease(long staff, long contact, long conversation, long inbound, long queued) {

        static PracticeOfRelease writeInto(JdbcTemplate jdbc) {
            String at = "timestamp with time zone '2026-03-14 09:26:53.123456+00'";
            jdbc.update("insert into staff_user (username, display_name, password_hash, role, enabled, created_at, "
                    + "version) values ('nurse.rivera', 'Nina Rivera', '{bcrypt}x', 'STAFF', true, " + at + ", 0)");
            long staff = jdbc.queryForObject("select id from staff_user where username = 'nurse.rivera'", Long.class);
            jdbc.update("insert into line (id, display_name, phone_number, provider_id, created_at, version) "
                    + "values ('front-desk', 'Front desk', '+15555550100', 'sandbox', " + at + ", 0)");
            jdbc.update("insert into contact (kind, phone_number, first_name, last_name, created_at, version) "
                    + "values ('PATIENT', '+15555550123', 'Ana', 'Lopez', " + at + ", 0)");
            long contact = jdbc.queryForObject("select id from contact where phone_number = '+15555550123'",
                    Long.class);
            jdbc.update("insert into conversation (line_id, contact_id, status, last_activity_at, created_at, version) "
                    + "values ('front-desk', ?, 'OPEN', " + at + ", " + at + ", 0)", contact);
            long conversation = jdbc.queryForObject("select id from conversation where contact_id = ?", Long.class,
                    contact);
            long inbound = message(jdbc, conversation, "INBOUND", null, "RECEIVED", "Can I move my appointment?",
                    "SM-release-1", at);
            long queued = message(jdbc, conversation, "OUTBOUND", staff, "QUEUED", "Yes, Friday at 9 works.", null,
                    at);
            return new PracticeOfRelease(staff, contact, conversation, inbound, queued);
        }

        private static long message(JdbcTemplate jdbc, long conversation, String direction, Long author,
                                    String status, String body, String providerId, String at) {
            String key = UUID.randomUUID().toString();
            jdbc.update("insert into message (conversation_id, line_id, direction, body, author_id, status, "
                    + "provider_message_id, message_key, attempts, created_at, updated_at, version) values "
                    + "(?, 'front-desk', ?, ?, ?, ?, ?, ?, 0, " + at + ", " + at + ", 0)", conversation, direction,
                    body, author, status, providerId, key);
            return jdbc.queryForObject("select id from message where message_key = ?", Long.class, key);
        }

        void assertKeptIn(JdbcTemplate jdbc) {
            assertThat(jdbc.queryForObject("select display_name from staff_user where id = ?", String.class, staff))
                    .isEqualTo("Nina Rivera");
            assertThat(jdbc.queryForObject("select session_epoch from staff_user where id = ?", Long.class, staff))
                    .as("V58: a staff member's sessions start at epoch 0").isZero();
            assertThat(jdbc.queryForObject("select last_name from contact where id = ?", String.class, contact))
                    .isEqualTo("Lopez");
            assertThat(jdbc.queryForList("select body from message where conversation_id = ? order by id",
                    String.class, conversation)).containsExactly("Can I move my appointment?",
                    "Yes, Friday at 9 works.");
            assertThat(jdbc.queryForObject("select provider_message_id from message where id = ?", String.class,
                    inbound)).isEqualTo("SM-release-1");
            assertThat(jdbc.queryForList("select id from outbound_task", Long.class))
                    .as("V48: the reply still queued at the upgrade is in the outbound queue").containsExactly(queued);
        }
    }
}

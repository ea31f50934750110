package org.parley.report;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import org.junit.jupiter.api.AfterAll;
import org.parley.testsupport.EmbeddedPostgresql;
import org.parley.testsupport.MutableClock;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The report's known answers on PostgreSQL (embedded binaries): the same SQL, the production database. */
@SpringBootTest(properties = "parley.plugins.dir=${parley.test.plugins-dir}")
@Import(MutableClock.Config.class)
@DirtiesContext
class PostgresReportFiguresIT extends AbstractReportFiguresIT {

    private static final EmbeddedPostgres POSTGRES = EmbeddedPostgresql.start();


    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        EmbeddedPostgresql.useFor(registry, POSTGRES);
    }

    @AfterAll
    static void stopPostgres() throws IOException {
        POSTGRES.close();
    }
}

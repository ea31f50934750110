package org.parley.report;

import org.parley.testsupport.MutableClock;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

/** The report's known answers on H2, the embedded default. */
@SpringBootTest(properties = {"spring.datasource.url=jdbc:h2:mem:reportfigures;DB_CLOSE_DELAY=-1",
        "parley.plugins.dir=${parley.test.plugins-dir}"})
@Import(MutableClock.Config.class)
class ReportFiguresIT extends AbstractReportFiguresIT {
}

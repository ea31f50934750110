package org.parley.chart.ui;

import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.parley.chart.ConfiguredExporter;
import org.parley.chart.ExporterService;
import org.parley.security.Role;
import org.parley.security.StaffFixtures;
import org.parley.testsupport.KaribuTest;
import org.parley.testsupport.TestStaff;
import org.parley.testsupport.exporter.ExporterPluginJar;
import org.parley.testsupport.exporter.FakeEhr;
import org.parley.testsupport.exporter.FakeEhrExporter;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the copy-to-chart view tests: one Spring context (their annotations and property source are the same, so
 * Spring reuses it) whose plugins folder holds the sandbox and the test-ehr exporter jar, and a fake EHR over HTTP
 * that the configured exporter {@code ehr} (the default) posts to.
 */
@SpringBootTest(properties = "spring.datasource.url=jdbc:h2:mem:chart-views;DB_CLOSE_DELAY=-1")
abstract class ChartKaribuTest extends KaribuTest {

    static FakeEhr ehr;

    @DynamicPropertySource
    static void pluginsWithTheTestExporter(DynamicPropertyRegistry registry) {
        registry.add("parley.plugins.dir", () -> ExporterPluginJar.pluginsFolderWithSandbox().toString());
    }

    @BeforeAll
    static void startEhr() {
        ehr = FakeEhr.start();
    }

    @AfterAll
    static void stopEhr() {
        ehr.close();
    }

    @Autowired
    StaffFixtures staff;
    @Autowired
    ExporterService exporters;

    @BeforeEach
    void accountsAndTheDefaultExporter() {
        staff.firstAdmin("admin", "Ada Admin", "a long enough password");
        staff.account("nina", "Nina Nurse", "a nurse's long password", Role.STAFF);
        ehr.setMode(FakeEhr.Mode.UP);
        loginAs("admin", "ADMIN");
        exporters.save(TestStaff.named("admin"), new ConfiguredExporter("ehr", FakeEhrExporter.ID, "EHR",
                Map.of("ehrUrl", ehr.url(), "token", FakeEhr.TOKEN), true, true));
    }
}

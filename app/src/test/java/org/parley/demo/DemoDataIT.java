package org.parley.demo;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.parley.ParleyApplication;
import org.parley.inbox.ConversationSearch;
import org.parley.inbox.Inbox;
import org.parley.inbox.InboxService;
import org.parley.security.StaffDirectory;
import org.parley.security.StaffMember;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/** The demo data command fills the database with patients, conversations and messages the inbox then shows. */
class DemoDataIT {

    @Test
    void demoDataFillsTheInboxOnceAndItsViewsAndSearchWork() {
        String[] args = {"--server.port=0",
                "--spring.datasource.url=jdbc:h2:mem:demodata;DB_CLOSE_DELAY=-1",
                "--parley.plugins.dir=" + System.getProperty("parley.test.plugins-dir"),
                "--parley.demo.patients=1200", "--parley.demo.messages=6000"};
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(ParleyApplication.class).run(args)) {
            JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
            assertThat(jdbc.queryForObject("select count(*) from contact where mrn like 'DEMO-%'", Long.class))
                    .isEqualTo(1200);
            assertThat(jdbc.queryForObject("select count(*) from message", Long.class)).isEqualTo(6000);

            StaffMember admin = app.getBean(StaffDirectory.class).createFirstAdmin("admin", "Ada Admin",
                    "a long enough password");
            InboxService inbox = app.getBean(InboxService.class);
            long open = inbox.count(admin, new Inbox.AllOpen()).total();
            long closed = inbox.count(admin, new Inbox.Closed()).total();
            assertThat(open + closed).isEqualTo(1200);
            assertThat(open).isPositive();
            assertThat(inbox.conversations(admin, new Inbox.AllOpen(), 0, 50)).hasSize((int) Math.min(50, open));
            assertThat(inbox.countSearch(admin, ConversationSearch.forText("DEMO-17"))).isEqualTo(1);
            // Stored encrypted and word-indexed like any message: found by a word, never readable in the table.
            assertThat(inbox.countSearch(admin, ConversationSearch.forText("lisinopril"))).isPositive();
            assertThat(jdbc.queryForObject("select count(*) from message where body like '%lisinopril%'", Long.class))
                    .isZero();

            // Run again: nothing is added twice.
            app.getBean(DemoData.class).fill();
            assertThat(jdbc.queryForObject("select count(*) from message", Long.class)).isEqualTo(6000);
        }
    }
}

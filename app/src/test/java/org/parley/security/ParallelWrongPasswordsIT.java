package org.parley.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.test.annotation.DirtiesContext;

/**
 * The lockout budget holds when an attacker sends wrong passwords in parallel: every failure counts, none is lost to a
 * race between the requests, so the account locks after exactly the allowed number.
 */
@SpringBootTest(properties = {"spring.datasource.url=jdbc:h2:mem:parallel-passwords;DB_CLOSE_DELAY=-1",
        "parley.plugins.dir=${parley.test.plugins-dir}", "parley.security.lockout.attempts=12"})
@DirtiesContext
class ParallelWrongPasswordsIT {

    @Autowired
    StaffFixtures staff;
    @Autowired
    ApplicationEventPublisher events;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void twelveWrongPasswordsSentAtOnceAllCountAndLockTheAccountOnce() throws Exception {
        StaffMember target = staff.account("target", "Terry Target", "a long enough password", Role.STAFF);
        ExecutorService attacker = Executors.newFixedThreadPool(12);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> attempts = new ArrayList<>();
        try {
            for (int i = 0; i < 12; i++) {
                String guess = "guess " + i;
                attempts.add(attacker.submit(() -> {
                    start.await();
                    // What Spring Security publishes for a wrong password at the login form.
                    events.publishEvent(new AuthenticationFailureBadCredentialsEvent(
                            UsernamePasswordAuthenticationToken.unauthenticated("target", guess),
                            new BadCredentialsException("Bad credentials")));
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> attempt : attempts) {
                attempt.get(60, TimeUnit.SECONDS);
            }
        } finally {
            attacker.shutdownNow();
        }

        assertThat(jdbc.queryForObject("select locked_until is not null from staff_user where id = ?", Boolean.class,
                target.id())).as("locked after twelve wrong passwords").isTrue();
        assertThat(jdbc.queryForObject("select count(*) from audit_event where actor = 'target' and action = ?",
                Integer.class, "LOGIN_FAILED")).isEqualTo(12);
        assertThat(jdbc.queryForObject("select count(*) from audit_event where actor = 'target' and action = ?",
                Integer.class, "ACCOUNT_LOCKED")).isEqualTo(1);
    }
}

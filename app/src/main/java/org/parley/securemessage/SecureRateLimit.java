package org.parley.securemessage;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Limits requests to the public secure pages per link and per client address, counted in {@code secure_rate} in
 * fixed windows, so every node counts the same requests. Addresses are kept only as a hash.
 */
@Component
class SecureRateLimit {

    private final JdbcClient jdbc;
    private final TransactionTemplate ownTransaction;
    private final SecureMessageSettings settings;
    private final Clock clock;

    SecureRateLimit(JdbcClient jdbc, PlatformTransactionManager transactions, SecureMessageSettings settings,
                    Clock clock) {
        this.jdbc = jdbc;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * Counts one request to a link (by its token, whether or not it is one) from an address, and says whether it
     * may be served: neither the link nor the address has used up its window.
     */
    boolean allow(String token, String address) {
        String linkBucket = "link:" + digest(token == null ? "" : token).substring(0, 40);
        String addressBucket = "addr:" + digest(address == null ? "" : address).substring(0, 40);
        // The address first: an address over its limit (guessing tokens) adds no rows for the links it makes up.
        if (count(addressBucket) > settings.requestsPerAddress()) {
            return false;
        }
        return count(linkBucket) <= settings.requestsPerLink();
    }

    /** Forgets windows that have ended (run by the reminders job). */
    void forgetEnded() {
        jdbc.sql("delete from secure_rate where window_start < ?")
                .param(Timestamp.from(windowStart().minus(settings.rateWindow()))).update();
    }

    private int count(String bucket) {
        Timestamp window = Timestamp.from(windowStart());
        for (int attempt = 0; ; attempt++) {
            try {
                Integer hits = ownTransaction.execute(status -> {
                    int updated = jdbc.sql("update secure_rate set hits = hits + 1 where bucket = ? "
                            + "and window_start = ?").params(bucket, window).update();
                    if (updated == 0) {
                        jdbc.sql("insert into secure_rate (bucket, window_start, hits) values (?, ?, 1)")
                                .params(bucket, window).update();
                        return 1;
                    }
                    return jdbc.sql("select hits from secure_rate where bucket = ? and window_start = ?")
                            .params(bucket, window).query(Integer.class).single();
                });
                return hits;
            } catch (DataIntegrityViolationException anotherNodeInsertedIt) {
                if (attempt >= 2) {
                    throw anotherNodeInsertedIt;
                }
            }
        }
    }

    private Instant windowStart() {
        long window = settings.rateWindow().toMillis();
        long now = clock.millis();
        return Instant.ofEpochMilli(now - Math.floorMod(now, window));
    }

    private static String digest(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(("parley-secure-rate:" + value).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}

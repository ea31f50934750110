package org.parley.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.parley.encryption.DecryptionFailedException;
import org.parley.encryption.RowBinding;
import org.parley.encryption.RowBoundEncryption;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The media-link signing key at rest: what a copy of the database shows of it, and what a value moved to another row
 * does. The first test runs first: the node keeps the key it read in memory.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@SpringBootTest(properties = {"spring.datasource.url=jdbc:h2:mem:media-link-key;DB_CLOSE_DELAY=-1",
        "parley.plugins.dir=${parley.test.plugins-dir}"})
class MediaLinkKeyAtRestIT {

    @Autowired
    MediaLinks links;
    @Autowired
    RowBoundEncryption sealing;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    Clock clock;

    @Test
    @Order(1)
    void aKeyKeptInPlaintextByAnEarlierVersionIsSealedAtStartSoADumpMintsNoLinksAndLinksSignedBeforeStillWork() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        String plaintext = Base64.getEncoder().encodeToString(key);
        jdbc.update("delete from signing_key");
        jdbc.update("insert into signing_key (name, key_value, created_at) values ('media-links', ?, ?)", plaintext,
                Timestamp.from(clock.instant()));
        String linkFromBefore = new MediaLinkSigner(key).token(42, clock.instant().plusSeconds(600));

        links.sealKeptKey();

        List<String> dump = jdbc.query("select * from signing_key", (rs, n) -> rs.getString("name") + ","
                + rs.getString("key_value"));
        assertThat(dump).singleElement().asString().startsWith("media-links,prly2:").doesNotContain(plaintext);
        String newLink = links.token(42, clock.instant().plusSeconds(600));
        assertThat(new MediaLinkSigner(key).verify(newLink, clock.instant()))
                .as("the sealed key is the same key: links already sent keep working").contains(42L);
        assertThat(new MediaLinkSigner(key).verify(linkFromBefore, clock.instant())).contains(42L);
    }

    @Test
    void theSealedKeyCopiedIntoAnotherRowFailsToDecryptWithAClearMessageThatShowsNeitherKeyNorValue() {
        links.token(1, Instant.now().plusSeconds(60));
        String sealed = jdbc.queryForObject("select key_value from signing_key where name = 'media-links'",
                String.class);
        assertThat(sealed).startsWith("prly2:");

        assertThatThrownBy(() -> sealing.decrypt(MediaLinks.KEY_COLUMN.at("another-key"), sealed))
                .isInstanceOf(DecryptionFailedException.class)
                .hasMessageContaining("signing_key.key_value")
                .hasMessageContaining("copied there from another row or column")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(sealed.substring(15)));
        assertThatThrownBy(() -> sealing.decrypt(new RowBinding("line_setting",
                "setting_value", "media-links"), sealed)).isInstanceOf(DecryptionFailedException.class);
        assertThat(sealing.decrypt(MediaLinks.KEY_COLUMN.at("media-links"), sealed)).hasSize(44);
    }
}

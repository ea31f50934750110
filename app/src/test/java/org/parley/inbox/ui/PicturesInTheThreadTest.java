package org.parley.inbox.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Image;
import com.vaadin.flow.component.html.Span;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.parley.conversation.media.MessageMedia;
import org.parley.conversation.media.MessageMediaRepository;
import org.parley.inbox.InboxFixtures;
import org.parley.plugin.Media;
import org.parley.security.StaffDirectory;
import org.parley.testsupport.KaribuTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

/** What the thread draws of a patient's pictures and files: only real pictures inline. */
@SpringBootTest(properties = {"spring.datasource.url=jdbc:h2:mem:views;DB_CLOSE_DELAY=-1",
        "parley.plugins.dir=${parley.test.plugins-dir}"})
class PicturesInTheThreadTest extends KaribuTest {

    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13};
    private static final byte[] SVG = ("<svg xmlns=\"http://www.w3.org/2000/svg\"><script>fetch('/api')</script>"
            + "</svg>").getBytes(StandardCharsets.UTF_8);

    @Autowired
    StaffDirectory directory;
    @Autowired
    InboxFixtures inbox;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    MessageMediaRepository media;

    @BeforeEach
    void loggedIn() {
        if (!directory.hasAnyUser()) {
            directory.createFirstAdmin("admin", "Ada Admin", "a long enough password");
        }
        loginAs("admin", "ADMIN");
    }

    private InboxView open(String providerMessageId) {
        long conversation = jdbc.queryForObject("select conversation_id from message where provider_message_id = ?",
                Long.class, providerMessageId);
        UI.getCurrent().navigate("inbox/" + conversation);
        return _get(InboxView.class);
    }

    @Test
    void anSvgWithAScriptIsOfferedAsADownloadWhileAPngIsDrawn() {
        String id = UUID.randomUUID().toString();
        inbox.patientSends("sandbox", id, "+19292035501", "Two pictures", List.of(
                Media.of("image/svg+xml", "cat.svg", SVG), Media.of("image/png", "rash.png", PNG)));

        InboxView view = open(id);

        assertThat(_find(view.panel.thread, Image.class)).singleElement()
                .satisfies(image -> assertThat(image.getAlt()).contains("Picture from the patient"));
        assertThat(_find(view.panel.thread, Anchor.class)).extracting(Anchor::getText).contains("Download cat.svg");
    }

    @Test
    void htmlAnnouncedAsAPngIsNotDrawn() {
        String id = UUID.randomUUID().toString();
        inbox.patientSends("sandbox", id, "+19292035502", "A picture?", List.of(Media.of("image/png", "x.png",
                "<html><script>alert(1)</script></html>".getBytes(StandardCharsets.UTF_8))));

        InboxView view = open(id);

        assertThat(_find(view.panel.thread, Image.class)).isEmpty();
        assertThat(_find(view.panel.thread, Anchor.class)).extracting(Anchor::getText).contains("Download x.png");
    }

    @Test
    void aPictureThatCouldNotBeFetchedYetSaysSoNextToTheText() {
        String id = UUID.randomUUID().toString();
        inbox.patientTexts("sandbox", id, "+19292035503", "See the picture");
        long message = jdbc.queryForObject("select id from message where provider_message_id = ?", Long.class, id);
        media.save(MessageMedia.unfetched(message, "image/jpeg", "rash.jpg", true, Instant.now()));

        InboxView view = open(id);

        assertThat(_find(view.panel.thread, Span.class, spec -> spec.withText("See the picture"))).hasSize(1);
        assertThat(_find(view.panel.thread, Span.class, spec -> spec.withText(
                "Picture or file could not be fetched from the provider yet — Parley keeps trying"))).hasSize(1);
        assertThat(_find(view.panel.thread, Image.class)).isEmpty();
    }
}

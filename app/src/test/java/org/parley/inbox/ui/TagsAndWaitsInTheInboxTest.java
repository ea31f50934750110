package org.parley.inbox.ui;

import static com.github.mvysny.kaributesting.v10.GridKt._get;
import static com.github.mvysny.kaributesting.v10.GridKt._size;
import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.parley.audit.AuditEntries;
import org.parley.conversation.Replies;
import org.parley.inbox.ConversationRow;
import org.parley.inbox.InboxFixtures;
import org.parley.security.StaffDirectory;
import org.parley.security.StaffMember;
import org.parley.tag.Tag;
import org.parley.tag.TagColour;
import org.parley.tag.TagService;
import org.parley.testsupport.KaribuTest;
import org.parley.testsupport.TestStaff;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.domain.PageRequest;

/**
 * Issue 17: staff tag a conversation in its header and take the tag off again (audited); the conversation list shows
 * the tags and how long the patient has waited for an answer, and the inbox is filtered by a tag.
 */
@SpringBootTest(properties = {"spring.datasource.url=jdbc:h2:mem:routingviews;DB_CLOSE_DELAY=-1",
        "parley.plugins.dir=${parley.test.plugins-dir}"})
class TagsAndWaitsInTheInboxTest extends KaribuTest {

    @Autowired
    StaffDirectory directory;
    @Autowired
    InboxFixtures inbox;
    @Autowired
    TagService tags;
    @Autowired
    Replies replies;
    @Autowired
    AuditEntries audit;

    StaffMember admin;
    Tag refill;

    @BeforeEach
    void aStaffMemberWithTheRefillTag() {
        if (!directory.hasAnyUser()) {
            directory.createFirstAdmin("admin", "Ada Admin", "a long enough password");
        }
        admin = directory.findByUsername("admin").orElseThrow();
        loginAs("admin", "ADMIN");
        refill = tags.create(TestStaff.named("admin"), "Refill " + UUID.randomUUID().toString().substring(0, 6), TagColour.GREEN);
    }

    @Test
    void aTagAddedInTheConversationShowsInTheListFiltersItAndComesOffAgain() {
        String tagged = "My inhaler is empty " + UUID.randomUUID();
        String other = "See you Friday " + UUID.randomUUID();
        inbox.patientTexts("sandbox", UUID.randomUUID().toString(), newPhone(), tagged);
        inbox.patientTexts("sandbox", UUID.randomUUID().toString(), newPhone(), other);
        UI.getCurrent().navigate("");
        InboxView view = _get(InboxView.class);
        long id = row(view, tagged).id();
        UI.getCurrent().navigate("inbox/" + id);

        _setValue(view.panel.tags.addTag, tagFrom(view.panel.tags.addTag.getListDataView().getItems().toList()));

        assertThat(view.panel.tags.shown()).containsExactly(refill.name());
        view.list.getDataProvider().refreshAll();
        assertThat(row(view, tagged).tags()).extracting(Tag::name).containsExactly(refill.name());
        assertThat(RowTagsAndWait.names(row(view, other))).isEmpty();

        _setValue(view.filters.fields().tagFilter, tagFrom(view.filters.fields().tagFilter.getListDataView().getItems().toList()));
        assertThat(previews(view)).contains(tagged).doesNotContain(other);

        _click(_get(view.panel.tags, Button.class, spec -> spec.withId("remove-tag-" + refill.id())));
        assertThat(view.panel.tags.shown()).isEmpty();
        view.filters.fields().tagFilter.clear();
        view.filters.fields().tagFilter.setItems(tags.all());
        _setValue(view.filters.fields().tagFilter, tagFrom(view.filters.fields().tagFilter.getListDataView().getItems().toList()));
        assertThat(previews(view)).doesNotContain(tagged);
        assertThat(audit.newest(PageRequest.of(0, 50))).filteredOn(e -> String.valueOf(id).equals(e.targetId())
                        && "conversation".equals(e.targetType()) && e.action().startsWith("TAG_"))
                .extracting(e -> e.action() + " " + e.actor())
                .containsExactly("TAG_REMOVED admin", "TAG_ADDED admin");
    }

    @Test
    void theListShowsThatThePatientWaitsUntilAStaffMemberAnswers() {
        String text = "Are my results in? " + UUID.randomUUID();
        inbox.patientTexts("sandbox", UUID.randomUUID().toString(), newPhone(), text);
        UI.getCurrent().navigate("");
        InboxView view = _get(InboxView.class);

        ConversationRow waiting = row(view, text);
        assertThat(waiting.waiting()).isNotNull();
        assertThat(RowTagsAndWait.waiting(waiting.waiting())).startsWith("Waiting ").endsWith(" min");

        replies.reply(admin, waiting.id(), "Yes, they are normal.");
        view.list.getDataProvider().refreshAll();
        assertThat(row(view, "Yes, they are normal.").waiting()).as("answered").isNull();
    }

    @Test
    void waitsReadAsMinutesHoursAndDays() {
        assertThat(RowTagsAndWait.duration(Duration.ofMinutes(45))).isEqualTo("45 min");
        assertThat(RowTagsAndWait.duration(Duration.ofMinutes(125))).isEqualTo("2 h 5 min");
        assertThat(RowTagsAndWait.duration(Duration.ofHours(49))).isEqualTo("2 d 1 h");
    }

    private Tag tagFrom(List<Tag> items) {
        return items.stream().filter(t -> t.id() == refill.id()).findFirst().orElseThrow();
    }

    private static ConversationRow row(InboxView view, String preview) {
        for (int i = 0; i < _size(view.list); i++) {
            ConversationRow row = _get(view.list, i);
            if (row.preview().equals(preview)) {
                return row;
            }
        }
        throw new AssertionError("no conversation shows '" + preview + "'");
    }

    private static List<String> previews(InboxView view) {
        List<String> shown = new ArrayList<>();
        for (int i = 0; i < _size(view.list); i++) {
            shown.add(_get(view.list, i).preview());
        }
        return shown;
    }

    private static String newPhone() {
        return "+1929" + String.format("%07d", Math.abs(UUID.randomUUID().getMostSignificantBits()) % 10_000_000)
                .replaceAll("0000$", "0001");
    }
}

package org.parley.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.parley.assignment.AssignmentService;
import org.parley.audit.AuditEntries;
import org.parley.audit.AuditEntry;
import org.parley.inbox.ConversationRow;
import org.parley.inbox.ConversationSearch;
import org.parley.inbox.Inbox;
import org.parley.inbox.InboxFixtures;
import org.parley.inbox.InboxService;
import org.parley.inbox.Reading;
import org.parley.lists.InboxListSummary;
import org.parley.lists.ListService;
import org.parley.patient.ContactService;
import org.parley.security.StaffDirectory;
import org.parley.security.StaffMember;
import org.parley.tag.Tag;
import org.parley.tag.TagColour;
import org.parley.tag.TagService;
import org.parley.testsupport.TestStaff;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.domain.PageRequest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.test.context.support.WithMockUser;

/**
 * Issue 17, tags and routing: admins manage tags and order routing rules; when a patient's text starts a conversation
 * or reopens a closed one, the first matching rule puts it in its list and/or tags it; staff tag conversations
 * (audited) and filter and search the inbox by tag.
 */
@SpringBootTest(properties = {
        "spring.datasource.url=jdbc:h2:mem:routing;DB_CLOSE_DELAY=-1",
        "parley.plugins.dir=${parley.test.plugins-dir}"})
@WithMockUser(username = "admin", roles = "ADMIN")
class RoutingRulesIT {

    @Autowired
    RoutingRules rules;
    @Autowired
    TagService tags;
    @Autowired
    ListService lists;
    @Autowired
    InboxFixtures inbox;
    @Autowired
    InboxService inboxes;
    @Autowired
    AssignmentService assignment;
    @Autowired
    ContactService contacts;
    @Autowired
    StaffDirectory directory;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    AuditEntries audit;

    StaffMember admin;
    InboxListSummary frontDesk;
    InboxListSummary nurses;
    Tag refill;

    @BeforeEach
    void aFrontDeskANursesListAndNoRulesYet() {
        if (!directory.hasAnyUser()) {
            directory.createFirstAdmin("admin", "Ada Admin", "a long enough password");
        }
        admin = directory.findByUsername("admin").orElseThrow();
        jdbc.sql("delete from routing_rule").update();
        frontDesk = lists.create(TestStaff.named("admin"), "Front Desk " + suffix());
        nurses = lists.create(TestStaff.named("admin"), "Nurses " + suffix());
        lists.setDefaultList(TestStaff.named("admin"), "sandbox", frontDesk.id());
        refill = tags.create(TestStaff.named("admin"), "Refill " + suffix(), TagColour.BLUE);
    }

    @Test
    void theFirstMatchingRuleInTheAdminsOrderPlacesAndTagsANewConversation() {
        RoutingRule refills = rules.save(TestStaff.named("admin"), new RoutingRule(0, "Refills to the nurses",
                RoutingRule.words("refill, prescription"), null, null, nurses.id(), refill.id()));
        rules.save(TestStaff.named("admin"), new RoutingRule(0, "Everything on the main line to the front desk", List.of(), null,
                "sandbox", frontDesk.id(), null));

        long asking = patientTexts(newPhone(), "Hi, I need a REFILL of my inhaler.");
        long greeting = patientTexts(newPhone(), "Hello, are you open?");
        long prefilled = patientTexts(newPhone(), "The form was prefilled wrongly"); // not the whole word

        assertThat(row(asking).assignment()).isEqualTo(nurses.name());
        assertThat(row(asking).tags()).extracting(Tag::name).containsExactly(refill.name());
        assertThat(row(greeting).assignment()).as("the second rule").isEqualTo(frontDesk.name());
        assertThat(row(greeting).tags()).isEmpty();
        assertThat(row(prefilled).assignment()).isEqualTo(frontDesk.name());

        // Moved up, the line's rule now matches first: a refill goes to the front desk, untagged.
        rules.move(TestStaff.named("admin"), rules.all().get(1).id(), -1);
        assertThat(rules.all()).extracting(RoutingRule::name).first().asString().startsWith("Everything");
        long later = patientTexts(newPhone(), "refill please");
        assertThat(row(later).assignment()).isEqualTo(frontDesk.name());
        assertThat(row(later).tags()).isEmpty();
        assertThat(refills.id()).isPositive();
    }

    @Test
    void aFurtherTextInAnOpenConversationIsNotRoutedAgainButOneThatReopensItIs() {
        String phone = newPhone();
        long conversation = patientTexts(phone, "Hello");
        rules.save(TestStaff.named("admin"), new RoutingRule(0, "Refills", RoutingRule.words("refill"), null, null, nurses.id(),
                null));
        patientTexts(phone, "I also need a refill");
        assertThat(row(conversation).assignment()).as("already open: left where staff expect it")
                .isEqualTo(frontDesk.name());

        assignment.close(admin, conversation);
        patientTexts(phone, "Another refill, please");
        assertThat(row(conversation).assignment()).isEqualTo(nurses.name());
    }

    @Test
    void aPatientWithATagIsRoutedByItWhenTheyWriteAgain() {
        Tag vip = tags.create(TestStaff.named("admin"), "VIP " + suffix(), TagColour.PURPLE);
        InboxListSummary concierge = lists.create(TestStaff.named("admin"), "Concierge " + suffix());
        rules.save(TestStaff.named("admin"), new RoutingRule(0, "VIPs to the concierge", List.of(), vip.id(), null, concierge.id(),
                null));
        String phone = newPhone();
        long conversation = patientTexts(phone, "Hello");
        assertThat(row(conversation).assignment()).isEqualTo(frontDesk.name());

        tags.add(admin, conversation, vip.id());
        assignment.close(admin, conversation);
        patientTexts(phone, "It's me again");

        assertThat(row(conversation).assignment()).isEqualTo(concierge.name());
    }

    @Test
    void staffTagAndUntagAConversationAuditedAndTheInboxFiltersAndSearchesByTag() {
        long tagged = patientTexts(newPhone(), "Could you renew my pills?");
        long other = patientTexts(newPhone(), "What time do you close?");

        assertThat(tags.add(admin, tagged, refill.id())).isTrue();
        assertThat(tags.add(admin, tagged, refill.id())).as("a tag it has already").isFalse();

        assertThat(inboxes.conversations(admin, new Inbox.AllOpen(), refill.id(), 0, 50, Reading.FRESH))
                .extracting(ConversationRow::id).containsExactly(tagged);
        assertThat(inboxes.count(admin, new Inbox.AllOpen(), refill.id()).total()).isEqualTo(1);
        assertThat(inboxes.search(admin, ConversationSearch.forTag(refill.id()), 0, 50))
                .extracting(ConversationRow::id).containsExactly(tagged).doesNotContain(other);

        assertThat(tags.remove(admin, tagged, refill.id())).isTrue();
        assertThat(inboxes.search(admin, ConversationSearch.forTag(refill.id()), 0, 50)).isEmpty();
        assertThat(audit.newest(PageRequest.of(0, 50)))
                .filteredOn(entry -> "conversation".equals(entry.targetType())
                        && String.valueOf(tagged).equals(entry.targetId()) && entry.action().startsWith("TAG_"))
                .extracting(AuditEntry::action).containsExactly("TAG_REMOVED", "TAG_ADDED");
    }

    @Test
    void badTagsAndRulesAreRefusedNamingTheProblemAndNothingIsStored() {
        long before = tags.all().size();
        assertThatThrownBy(() -> tags.create(TestStaff.named("admin"), "  ", TagColour.RED)).hasMessage("Give the tag a name.");
        assertThatThrownBy(() -> tags.create(TestStaff.named("admin"), refill.name().toUpperCase(), TagColour.RED))
                .hasMessageContaining("There is already a tag called");
        assertThatThrownBy(() -> tags.create(TestStaff.named("admin"), "New\u202Etag", TagColour.RED))
                .hasMessageContaining("hidden text-direction mark");
        assertThatThrownBy(() -> tags.create(TestStaff.named("admin"), "Billing", null)).hasMessage("Choose the tag's colour.");
        assertThat(tags.all()).hasSize((int) before);

        assertThatThrownBy(() -> rules.save(TestStaff.named("admin"), new RoutingRule(0, "No condition", List.of(), null, null,
                nurses.id(), null))).hasMessageContaining("Give the rule a condition");
        assertThatThrownBy(() -> rules.save(TestStaff.named("admin"), new RoutingRule(0, "No action", List.of("refill"), null, null,
                null, null))).hasMessageContaining("Give the rule an action");
        assertThatThrownBy(() -> rules.save(TestStaff.named("admin"), new RoutingRule(0, "To BLOCKED", List.of("spam"), null, null,
                lists.blockedListId(), null))).hasMessageContaining("BLOCKED");
        assertThat(rules.all()).isEmpty();

        rules.save(TestStaff.named("admin"), new RoutingRule(0, "Refills", List.of("refill"), null, null, null, refill.id()));
        assertThatThrownBy(() -> tags.delete(TestStaff.named("admin"), refill.id())).hasMessageContaining("routing rule Refills");
        assertThat(tags.find(refill.id())).isPresent();
    }

    private long patientTexts(String from, String text) {
        inbox.patientTexts("sandbox", UUID.randomUUID().toString(), from, text);
        long contact = contacts.findByPhone(from).orElseThrow().id();
        return jdbc.sql("select id from conversation where contact_id = ?").param(contact).query(Long.class).single();
    }

    private ConversationRow row(long conversation) {
        return inboxes.search(admin, new ConversationSearch(null, null, null, null, null, null), 0, 1000).stream()
                .filter(r -> r.id() == conversation).findFirst().orElseThrow();
    }

    private static String suffix() {
        return UUID.randomUUID().toString().substring(0, 6);
    }

    private static String newPhone() {
        return "+1929" + String.format("%07d", Math.abs(UUID.randomUUID().getMostSignificantBits()) % 10_000_000)
                .replaceAll("0000$", "0001");
    }
}

package org.parley.patient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.parley.audit.AuditEntries;
import org.parley.conversation.ConversationService;
import org.parley.conversation.MessageView;
import org.parley.inbox.InboxFixtures;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.domain.PageRequest;
import org.springframework.jdbc.core.JdbcTemplate;

/** Merging a duplicate patient: what moves, what survives, what is refused, checked in the database. */
@SpringBootTest(properties = {"spring.datasource.url=jdbc:h2:mem:merge;DB_CLOSE_DELAY=-1",
        "parley.plugins.dir=${parley.test.plugins-dir}"})
class PatientMergeIT {

    private static final LocalDate BORN = LocalDate.of(1984, 3, 9);

    @Autowired
    ContactService contacts;
    @Autowired
    PatientMerge merging;
    @Autowired
    InboxFixtures inbox;
    @Autowired
    AuditEntries audit;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ConversationService conversationService;

    private ContactSummary patient(String first, String last, LocalDate born, String cell, String mrn, String note) {
        return contacts.createPatient("nurse", new PatientDetails(first, last, born, cell, mrn, note));
    }

    private void texts(String from) {
        inbox.patientTexts("sandbox", UUID.randomUUID().toString(), from, "text " + UUID.randomUUID());
    }

    private List<Long> conversationsOf(long contactId) {
        return jdbc.queryForList("select id from conversation where contact_id = ? order by id", Long.class,
                contactId);
    }

    /** Message id → conversation id of every message in these conversations. */
    private Map<Long, Long> messagesIn(List<Long> conversationIds) {
        return conversationIds.stream().flatMap(c -> jdbc.queryForList(
                        "select id from message where conversation_id = ?", Long.class, c).stream()
                        .map(m -> Map.entry(m, c)))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    @Test
    void aMergeMovesEveryConversationAndMessageToTheSurvivorKeepsTheChosenFieldsAndHidesTheDuplicate() {
        ContactSummary maria = patient("Maria", "Mergeable", BORN, "(929) 203-6101", null, null);
        ContactSummary mariah = patient("Mariah", "Mergeable", BORN, "(929) 203-6102", "MRN-6102", "prefers mornings");
        texts("+19292036101");
        texts("+19292036102");
        texts("+19292036102");
        List<Long> conversations = new ArrayList<>(conversationsOf(maria.id()));
        conversations.addAll(conversationsOf(mariah.id()));
        Map<Long, Long> messages = messagesIn(conversations);
        assertThat(conversationsOf(mariah.id())).isNotEmpty();
        assertThat(messages).hasSize(3);

        ContactSummary survivor = merging.merge("nurse", maria.id(), mariah.id(),
                EnumSet.of(PatientField.CELL_PHONE, PatientField.MRN, PatientField.INTERNAL_NOTE), false);

        // Both records had a conversation on the sandbox line: they are one thread now, the survivor's.
        assertThat(conversationsOf(mariah.id())).isEmpty();
        assertThat(conversationsOf(maria.id())).containsExactly(conversationsOf(maria.id()).getFirst())
                .isSubsetOf(conversations);
        long combined = conversationsOf(maria.id()).getFirst();
        assertThat(messagesIn(conversations).keySet()).containsAll(messages.keySet());
        assertThat(messagesIn(List.of(combined))).containsAllEntriesOf(messages.keySet().stream()
                .collect(Collectors.toMap(m -> m, m -> combined)));
        Map<String, Object> duplicateRow = jdbc.queryForMap(
                "select merged_into, phone_number from contact where id = ?", mariah.id());
        assertThat(((Number) duplicateRow.get("MERGED_INTO")).longValue()).isEqualTo(maria.id());
        assertThat(duplicateRow.get("PHONE_NUMBER")).isNull();

        assertThat(contacts.searchPatients("mergeable", 0, 10)).extracting(ContactSummary::id)
                .containsExactly(maria.id());
        assertThat(contacts.countPatients("mergeable")).isEqualTo(1);
        assertThat(contacts.find(mariah.id())).get().extracting(ContactSummary::id).isEqualTo(maria.id());

        assertThat(survivor.phoneNumber()).isEqualTo("+19292036102");
        assertThat(contacts.details("nurse", maria.id())).get().isEqualTo(new PatientDetails("Maria", "Mergeable",
                BORN, "(929) 203-6102", "MRN-6102", "prefers mornings"));
        assertThat(contacts.searchPatients("MRN-6102", 0, 10)).extracting(ContactSummary::id)
                .containsExactly(maria.id());
        assertThat(audit.newest("PATIENTS_MERGED", PageRequest.of(0, 50)))
                .anySatisfy(entry -> {
                    assertThat(entry.actor()).isEqualTo("nurse");
                    assertThat(entry.targetId()).isEqualTo(String.valueOf(maria.id()));
                    assertThat(entry.detail()).isEqualTo("merged contact " + mariah.id());
                });
    }

    @Test
    void twoConversationsOnOneLineBecomeOneOpenThreadInTimeOrderAndTheDuplicatesIsGone() {
        ContactSummary olu = patient("Olu", "Combined", BORN, "(929) 203-6501", null, null);
        ContactSummary olumide = patient("Olumide", "Combined", BORN, "(929) 203-6502", null, null);
        inbox.patientTexts("sandbox", UUID.randomUUID().toString(), "+19292036502", "first, from the duplicate");
        inbox.patientTexts("sandbox", UUID.randomUUID().toString(), "+19292036501", "second, from the survivor");
        inbox.patientTexts("sandbox", UUID.randomUUID().toString(), "+19292036502", "third, from the duplicate");
        long kept = conversationsOf(olu.id()).getFirst();
        long gone = conversationsOf(olumide.id()).getFirst();
        jdbc.update("update conversation set status = 'CLOSED' where id = ?", kept);

        merging.merge("nurse", olu.id(), olumide.id(), EnumSet.noneOf(PatientField.class), false);

        assertThat(conversationsOf(olu.id())).containsExactly(kept);
        assertThat(jdbc.queryForObject("select count(*) from conversation where id = ?", Long.class, gone)).isZero();
        List<String> thread = conversationService.thread(kept, 0, 50).stream()
                .map(MessageView::body).toList();
        assertThat(thread).containsSubsequence("first, from the duplicate", "second, from the survivor",
                "third, from the duplicate");
        assertThat(thread.getLast()).contains("combined");
        assertThat(jdbc.queryForObject("select status from conversation where id = ?", String.class, kept))
                .as("the duplicate's open conversation keeps the combined one open").isEqualTo("OPEN");
        assertThat(jdbc.queryForObject("select count(*) from message_word where conversation_id = ?", Long.class,
                gone)).isZero();
        assertThat(audit.newest("CONVERSATIONS_COMBINED", PageRequest.of(0, 50)))
                .anySatisfy(entry -> {
                    assertThat(entry.targetId()).isEqualTo(String.valueOf(kept));
                    assertThat(entry.detail()).isEqualTo("combined conversation " + gone);
                });
    }

    @Test
    void aTextFromTheDuplicatesNumberAfterTheMergeReachesTheSurvivor() {
        ContactSummary sam = patient("Sam", "Afterwards", BORN, "(929) 203-6201", null, null);
        ContactSummary samuel = patient("Samuel", "Afterwards", BORN, "(929) 203-6202", null, null);

        merging.merge("nurse", sam.id(), samuel.id(), EnumSet.of(PatientField.CELL_PHONE), false);
        texts("+19292036202");

        assertThat(conversationsOf(sam.id())).hasSize(1);
        assertThat(conversationsOf(samuel.id())).isEmpty();
        assertThat(contacts.findOrCreateByPhone("+19292036202").id()).isEqualTo(sam.id());
    }

    @Test
    void differentDatesOfBirthAreRefusedWithoutASecondConfirmationAndMergedWithIt() {
        ContactSummary dana = patient("Dana", "Birthdays", BORN, "(929) 203-6301", null, null);
        ContactSummary dan = patient("Dan", "Birthdays", LocalDate.of(1948, 3, 9), "(929) 203-6302", null, null);

        assertThatThrownBy(() -> merging.merge("nurse", dana.id(), dan.id(), EnumSet.noneOf(PatientField.class),
                false))
                .isInstanceOf(BirthDatesDifferException.class)
                .hasMessageContaining("Confirm a second time")
                .hasMessageNotContaining("Dan").hasMessageNotContaining("1948").hasMessageNotContaining("1984");
        assertThat(contacts.searchPatients("birthdays", 0, 10)).hasSize(2);
        assertThat(jdbc.queryForObject("select merged_into from contact where id = ?", Long.class, dan.id())).isNull();

        merging.merge("nurse", dana.id(), dan.id(), EnumSet.noneOf(PatientField.class), true);

        assertThat(contacts.searchPatients("birthdays", 0, 10)).extracting(ContactSummary::dateOfBirth)
                .containsExactly(BORN);
    }

    @Test
    void aPatientIsNotMergedWithItselfWithARecordAlreadyMergedOrWithANumberNobodyIdentified() {
        ContactSummary lee = patient("Lee", "Refused", BORN, "(929) 203-6401", null, null);
        ContactSummary leigh = patient("Leigh", "Refused", BORN, "(929) 203-6402", null, null);
        ContactSummary lea = patient("Lea", "Refused", BORN, "", null, null);
        ContactSummary unknown = contacts.findOrCreateByPhone("+19292036499");

        assertThatThrownBy(() -> merging.merge("nurse", lee.id(), lee.id(), EnumSet.noneOf(PatientField.class), true))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot be merged with itself");
        assertThatThrownBy(() -> merging.merge("nurse", lee.id(), unknown.id(), EnumSet.noneOf(PatientField.class),
                true))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("Only patients can be merged.");

        merging.merge("nurse", lee.id(), leigh.id(), EnumSet.noneOf(PatientField.class), false);

        assertThatThrownBy(() -> merging.merge("nurse", lea.id(), leigh.id(), EnumSet.noneOf(PatientField.class),
                true))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("already merged");
        assertThatThrownBy(() -> merging.merge("nurse", leigh.id(), lea.id(), EnumSet.noneOf(PatientField.class),
                true))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("already merged");
        assertThat(contacts.searchPatients("refused", 0, 10)).extracting(ContactSummary::id)
                .containsExactlyInAnyOrder(lee.id(), lea.id());
    }

    @Test
    void aFormOpenedBeforeTheMergeCannotSaveTheMergedRecord() {
        ContactSummary kim = patient("Kim", "Stale", BORN, "(929) 203-6801", null, null);
        ContactSummary kimberly = patient("Kimberly", "Stale", BORN, "(929) 203-6802", null, null);

        merging.merge("nurse", kim.id(), kimberly.id(), EnumSet.noneOf(PatientField.class), false);

        assertThatThrownBy(() -> contacts.updatePatient("frontdesk", kimberly.id(), new PatientDetails("Kimberly",
                "Stale", BORN, "(929) 203-6802", null, null)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("merged into another");
        assertThat(contacts.findOrCreateByPhone("+19292036802").kind()).isEqualTo(ContactKind.UNKNOWN);
        assertThat(contacts.searchPatients("stale", 0, 10)).extracting(ContactSummary::id).containsExactly(kim.id());
    }
}

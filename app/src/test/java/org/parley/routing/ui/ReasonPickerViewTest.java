package org.parley.routing.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.UI;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.parley.lists.InboxListSummary;
import org.parley.lists.ListService;
import org.parley.routing.ReasonPicker;
import org.parley.routing.ReasonPickers;
import org.parley.security.StaffDirectory;
import org.parley.tag.Tag;
import org.parley.tag.TagColour;
import org.parley.tag.TagService;
import org.parley.testsupport.KaribuTest;
import org.parley.testsupport.TestStaff;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * Issue 17: an admin turns on the reason picker of a line, names the reasons with their lists and tags, sees what the
 * patient reads, and turns it off; a reason without a list or tag is refused by name and nothing changes.
 */
@SpringBootTest(properties = {"spring.datasource.url=jdbc:h2:mem:reasonpickerview;DB_CLOSE_DELAY=-1",
        "parley.plugins.dir=${parley.test.plugins-dir}"})
class ReasonPickerViewTest extends KaribuTest {

    @Autowired
    StaffDirectory directory;
    @Autowired
    ReasonPickers pickers;
    @Autowired
    ListService lists;
    @Autowired
    TagService tags;

    InboxListSummary pharmacy;
    Tag billing;
    ReasonPickerView view;

    @BeforeEach
    void anAdminOpensTheReasonPicker() {
        if (!directory.hasAnyUser()) {
            directory.createFirstAdmin("admin", "Ada Admin", "a long enough password");
        }
        loginAs("admin", "ADMIN");
        pickers.turnOff(TestStaff.named("admin"), "sandbox");
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        pharmacy = lists.create(TestStaff.named("admin"), "Pharmacy " + suffix);
        billing = tags.create(TestStaff.named("admin"), "Billing " + suffix, TagColour.BLUE);
        UI.getCurrent().navigate("admin/reason-picker");
        view = _get(ReasonPickerView.class);
    }

    @Test
    void anAdminNamesThreeReasonsSeesWhatThePatientReadsAndTurnsItOff() {
        assertThat(view.line.getValue().id()).isEqualTo("sandbox");
        assertThat(view.state.getText()).isEqualTo("Off: new conversations on this line are not asked.");
        assertThat(view.question.getValue()).isEqualTo(ReasonPickerView.DEFAULT_QUESTION);

        _setValue(view.labels.get(0), "Refill");
        _setValue(view.lists.get(0), view.lists.get(0).getListDataView().getItems()
                .filter(l -> l.id() == pharmacy.id()).findFirst().orElseThrow());
        _setValue(view.labels.get(1), "Billing");
        _setValue(view.tags.get(1), view.tags.get(1).getListDataView().getItems()
                .filter(t -> t.id() == billing.id()).findFirst().orElseThrow());
        _setValue(view.labels.get(2), "Something else");
        _click(view.save);
        assertThat(view.message.getText()).isEqualTo(
                "Reason 3 (Something else) needs a list to put the conversation in, a tag, or both.");
        assertThat(pickers.forLine("sandbox")).as("nothing stored").isEmpty();

        _setValue(view.labels.get(2), "");
        _click(view.save);
        assertThat(view.message.getText()).startsWith("Saved: new conversations on ");
        assertThat(view.state.getText()).isEqualTo("On: new conversations on this line are asked.");
        assertThat(view.preview.getText()).isEqualTo("The patient reads:\n" + ReasonPickerView.DEFAULT_QUESTION
                + "\n1 Refill\n2 Billing");
        assertThat(pickers.forLine("sandbox")).hasValueSatisfying(picker -> assertThat(picker.reasons())
                .containsExactly(new ReasonPicker.Reason(1, "Refill", pharmacy.id(), null),
                        new ReasonPicker.Reason(2, "Billing", null, billing.id())));

        UI.getCurrent().navigate("admin/routing-rules");
        UI.getCurrent().navigate("admin/reason-picker");
        view = _get(ReasonPickerView.class);
        assertThat(view.labels.get(0).getValue()).as("the saved picker is shown again").isEqualTo("Refill");
        assertThat(view.lists.get(0).getValue().id()).isEqualTo(pharmacy.id());
        assertThat(view.tags.get(1).getValue().id()).isEqualTo(billing.id());

        _click(view.turnOff);
        assertThat(view.state.getText()).isEqualTo("Off: new conversations on this line are not asked.");
        assertThat(pickers.forLine("sandbox")).isEmpty();
    }

    @Test
    void aGapBetweenReasonsIsRefused() {
        _setValue(view.labels.get(0), "Refill");
        _setValue(view.lists.get(0), view.lists.get(0).getListDataView().getItems()
                .filter(l -> l.id() == pharmacy.id()).findFirst().orElseThrow());
        _setValue(view.labels.get(2), "Billing");
        _setValue(view.tags.get(2), view.tags.get(2).getListDataView().getItems()
                .filter(t -> t.id() == billing.id()).findFirst().orElseThrow());
        _click(view.save);
        assertThat(view.message.getText()).isEqualTo(
                "Fill reason 2 before the ones after it: the patient answers 1, 2 or 3 in order.");
        assertThat(pickers.forLine("sandbox")).isEmpty();
    }
}

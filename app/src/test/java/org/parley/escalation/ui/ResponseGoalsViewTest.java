package org.parley.escalation.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.UI;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.parley.lists.InboxListSummary;
import org.parley.lists.ListService;
import org.parley.lists.ResponseGoal;
import org.parley.security.StaffDirectory;
import org.parley.testsupport.KaribuTest;
import org.parley.testsupport.TestStaff;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/** Issue 17: an admin gives a list a response goal and an escalation list; a goal out of range is refused. */
@SpringBootTest(properties = {"spring.datasource.url=jdbc:h2:mem:routingviews;DB_CLOSE_DELAY=-1",
        "parley.plugins.dir=${parley.test.plugins-dir}"})
class ResponseGoalsViewTest extends KaribuTest {

    @Autowired
    StaffDirectory directory;
    @Autowired
    ListService lists;

    InboxListSummary frontDesk;
    InboxListSummary urgent;
    ResponseGoalsView view;

    @BeforeEach
    void anAdminOpensResponseGoals() {
        if (!directory.hasAnyUser()) {
            directory.createFirstAdmin("admin", "Ada Admin", "a long enough password");
        }
        loginAs("admin", "ADMIN");
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        frontDesk = lists.create(TestStaff.named("admin"), "Front Desk " + suffix);
        urgent = lists.create(TestStaff.named("admin"), "Urgent " + suffix);
        UI.getCurrent().navigate("admin/response-goals");
        view = _get(ResponseGoalsView.class);
    }

    @Test
    void anAdminGivesTheFrontDeskAThirtyMinuteGoalThatMovesLateConversationsToUrgent() {
        view.grid.select(frontDesk);
        _setValue(view.minutes, 30);
        _setValue(view.escalationList, view.escalationList.getListDataView().getItems()
                .filter(l -> l.id() == urgent.id()).findFirst().orElseThrow());
        _click(view.save);

        assertThat(view.message.getText()).isEqualTo("Saved the goal of " + frontDesk.name() + ".");
        assertThat(lists.responseGoal(frontDesk.id()))
                .isEqualTo(new ResponseGoal(frontDesk.id(), Duration.ofMinutes(30), null, urgent.id()));
        assertThat(view.escalationList.getListDataView().getItems()).as("not the list itself")
                .noneMatch(l -> l.id() == frontDesk.id());
    }

    @Test
    void aGoalLongerThanAWeekIsRefusedAndNothingIsStored() {
        view.grid.select(frontDesk);
        _setValue(view.minutes, 8 * 24 * 60);
        _click(view.save);
        assertThat(view.message.getText()).contains("between 1 minute and 7 days");
        assertThat(lists.responseGoal(frontDesk.id()).goal()).isNull();
    }
}

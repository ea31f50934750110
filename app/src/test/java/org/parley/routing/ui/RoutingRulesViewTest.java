package org.parley.routing.ui;

import static com.github.mvysny.kaributesting.v10.GridKt._get;
import static com.github.mvysny.kaributesting.v10.GridKt._getCellComponent;
import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.github.mvysny.kaributesting.v10.LocatorJ;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.parley.lists.InboxListSummary;
import org.parley.lists.ListService;
import org.parley.routing.RoutingRule;
import org.parley.routing.RoutingRules;
import org.parley.security.StaffDirectory;
import org.parley.tag.Tag;
import org.parley.tag.TagColour;
import org.parley.tag.TagService;
import org.parley.testsupport.KaribuTest;
import org.parley.testsupport.TestStaff;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

/** Issue 17: an admin writes routing rules and orders them with Up and Down; a rule without a condition is refused. */
@SpringBootTest(properties = {"spring.datasource.url=jdbc:h2:mem:routingviews;DB_CLOSE_DELAY=-1",
        "parley.plugins.dir=${parley.test.plugins-dir}"})
class RoutingRulesViewTest extends KaribuTest {

    @Autowired
    StaffDirectory directory;
    @Autowired
    RoutingRules rules;
    @Autowired
    ListService lists;
    @Autowired
    TagService tags;
    @Autowired
    JdbcTemplate jdbc;

    InboxListSummary nurses;
    Tag refill;
    RoutingRulesView view;

    @BeforeEach
    void anAdminOpensRoutingRules() {
        if (!directory.hasAnyUser()) {
            directory.createFirstAdmin("admin", "Ada Admin", "a long enough password");
        }
        jdbc.update("delete from routing_rule");
        loginAs("admin", "ADMIN");
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        nurses = lists.create(TestStaff.named("admin"), "Nurses " + suffix);
        refill = tags.create(TestStaff.named("admin"), "Refill " + suffix, TagColour.BLUE);
        UI.getCurrent().navigate("admin/routing-rules");
        view = _get(RoutingRulesView.class);
    }

    @Test
    void anAdminAddsARuleThatPutsRefillsInTheNursesListAndTagsThem() {
        _setValue(view.name, "Refills to the nurses");
        _setValue(view.words, "refill,  prescription ,");
        _setValue(view.toList, view.toList.getListDataView().getItems().filter(l -> l.id() == nurses.id())
                .findFirst().orElseThrow());
        _setValue(view.addTag, view.addTag.getListDataView().getItems().filter(t -> t.id() == refill.id())
                .findFirst().orElseThrow());
        _click(view.save);

        assertThat(view.message.getText()).isEqualTo("Added Refills to the nurses.");
        assertThat(rules.all()).singleElement().satisfies(rule -> {
            assertThat(rule.words()).containsExactly("refill", "prescription");
            assertThat(rule.toListId()).isEqualTo(nurses.id());
            assertThat(rule.addTagId()).isEqualTo(refill.id());
        });
        assertThat(GridKt._getFormattedRow(view.grid, 0))
                .contains("text has refill or prescription", "to " + nurses.name() + ", tag " + refill.name());
    }

    @Test
    void aRuleWithoutAConditionIsRefusedAndNothingIsStored() {
        _setValue(view.name, "Everything to the nurses");
        _setValue(view.toList, view.toList.getListDataView().getItems().filter(l -> l.id() == nurses.id())
                .findFirst().orElseThrow());
        _click(view.save);
        assertThat(view.message.getText()).startsWith("Give the rule a condition");
        assertThat(rules.all()).isEmpty();
    }

    @Test
    void downMovesARuleBelowTheNextSoItIsTriedLater() {
        rules.save(TestStaff.named("admin"), new RoutingRule(0, "First", List.of("a"), null, null, nurses.id(), null));
        rules.save(TestStaff.named("admin"), new RoutingRule(0, "Second", List.of("b"), null, null, nurses.id(), null));
        UI.getCurrent().navigate("admin/practice");
        UI.getCurrent().navigate("admin/routing-rules");
        view = _get(RoutingRulesView.class);
        assertThat(_get(view.grid, 0).name()).isEqualTo("First");

        HorizontalLayout buttons = (HorizontalLayout) _getCellComponent(view.grid, 0, "order");
        _click(LocatorJ._get(buttons, Button.class, spec -> spec.withText("Down")));

        assertThat(_get(view.grid, 0).name()).isEqualTo("Second");
        assertThat(rules.all()).extracting(RoutingRule::name).containsExactly("Second", "First");
    }
}

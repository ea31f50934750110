package org.parley.tag.ui;

import static com.github.mvysny.kaributesting.v10.GridKt._get;
import static com.github.mvysny.kaributesting.v10.GridKt._size;
import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.UI;
import java.util.List;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.parley.audit.AuditEntries;
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
import org.springframework.data.domain.PageRequest;
import org.springframework.jdbc.core.JdbcTemplate;

/** Issue 17: an admin adds, renames, recolours and deletes tags; mistakes are named and nothing is stored. */
@SpringBootTest(properties = {"spring.datasource.url=jdbc:h2:mem:routingviews;DB_CLOSE_DELAY=-1",
        "parley.plugins.dir=${parley.test.plugins-dir}"})
class TagsViewTest extends KaribuTest {

    @Autowired
    StaffDirectory directory;
    @Autowired
    TagService tags;
    @Autowired
    RoutingRules rules;
    @Autowired
    AuditEntries audit;
    @Autowired
    JdbcTemplate jdbc;

    TagsView view;

    @BeforeEach
    void anAdminOpensTags() {
        if (!directory.hasAnyUser()) {
            directory.createFirstAdmin("admin", "Ada Admin", "a long enough password");
        }
        jdbc.update("delete from routing_rule");
        jdbc.update("delete from conversation_tag");
        jdbc.update("delete from tag");
        loginAs("admin", "ADMIN");
        UI.getCurrent().navigate("admin/tags");
        view = _get(TagsView.class);
    }

    @Test
    void anAdminAddsATagWithItsColourThenRenamesAndRecoloursIt() {
        _setValue(view.name, " Refill ");
        _setValue(view.colour, TagColour.GREEN);
        _click(view.save);

        assertThat(view.message.getText()).isEqualTo("Added Refill.");
        assertThat(_size(view.grid)).isEqualTo(1);
        assertThat(tags.all()).containsExactly(new Tag(tags.all().getFirst().id(), "Refill", TagColour.GREEN));

        view.grid.select(_get(view.grid, 0));
        assertThat(view.name.getValue()).isEqualTo("Refill");
        _setValue(view.name, "Refills");
        _setValue(view.colour, TagColour.ORANGE);
        _click(view.save);
        assertThat(view.message.getText()).isEqualTo("Saved Refills.");
        assertThat(tags.all()).extracting(Tag::name, Tag::colour)
                .containsExactly(Tuple.tuple("Refills", TagColour.ORANGE));
        assertThat(audit.newest("TAG_CHANGED", PageRequest.of(0, 5))).isNotEmpty();
    }

    @Test
    void aBlankOrTakenNameIsRefusedNamingTheProblem() {
        tags.create(TestStaff.named("admin"), "Billing", TagColour.BLUE);
        view.grid.getDataProvider().refreshAll();
        _setValue(view.name, "   ");
        _click(view.save);
        assertThat(view.message.getText()).isEqualTo("Give the tag a name.");
        _setValue(view.name, "billing");
        _click(view.save);
        assertThat(view.message.getText()).isEqualTo("There is already a tag called Billing.");
        assertThat(tags.all()).hasSize(1);
    }

    @Test
    void aTagARuleUsesIsNotDeletedAndTheRuleIsNamedAnUnusedOneIs() {
        Tag refill = tags.create(TestStaff.named("admin"), "Refill", TagColour.BLUE);
        rules.save(TestStaff.named("admin"), new RoutingRule(0, "Refills", List.of("refill"), null, null, null, refill.id()));
        Tag spare = tags.create(TestStaff.named("admin"), "Spare", TagColour.GREY);
        UI.getCurrent().navigate("admin/practice");
        UI.getCurrent().navigate("admin/tags");
        view = _get(TagsView.class);

        view.grid.select(refill);
        _click(view.delete);
        assertThat(view.message.getText()).contains("used by the routing rule Refills");
        view.grid.select(spare);
        _click(view.delete);
        assertThat(view.message.getText()).isEqualTo("Deleted Spare.");
        assertThat(tags.all()).extracting(Tag::name).containsExactly("Refill");
    }
}

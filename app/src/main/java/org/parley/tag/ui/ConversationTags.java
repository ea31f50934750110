package org.parley.tag.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import java.util.List;
import org.parley.security.StaffMember;
import org.parley.tag.Tag;
import org.parley.tag.TagService;

/**
 * A conversation's tags in its header: each as a chip with a button that takes it off, and a box that adds one of the
 * practice's tags. Every change is the staff member's, audited by {@link TagService}; open lists follow by live
 * update.
 */
public class ConversationTags extends HorizontalLayout {

    private final TagService tags;
    private final StaffMember me;
    private final long conversationId;
    /** The tags on the conversation, as chips. */
    public final HorizontalLayout chips = new HorizontalLayout();
    /** Adds one of the practice's other tags. */
    public final ComboBox<Tag> addTag = new ComboBox<>();

    public ConversationTags(TagService tags, StaffMember me, long conversationId) {
        this.tags = tags;
        this.me = me;
        this.conversationId = conversationId;
        setId("conversation-tags");
        setSpacing(false);
        setDefaultVerticalComponentAlignment(FlexComponent.Alignment.CENTER);
        chips.setSpacing(false);
        addTag.setId("conversation-tag-add");
        addTag.setPlaceholder("Add tag");
        addTag.setItemLabelGenerator(Tag::name);
        addTag.setWidth("9em");
        addTag.addThemeName("small");
        addTag.addValueChangeListener(e -> {
            if (e.isFromClient() && e.getValue() != null) {
                tags.add(me, conversationId, e.getValue().id());
                addTag.clear();
                refresh();
            }
        });
        add(chips, addTag);
        refresh();
    }

    /** Reads the tags again (another staff member may have changed them). */
    public void refresh() {
        List<Tag> on = tags.tagsOf(conversationId);
        chips.removeAll();
        for (Tag tag : on) {
            Button remove = new Button("×", e -> {
                tags.remove(me, conversationId, tag.id());
                refresh();
            });
            remove.addThemeVariants(ButtonVariant.TERTIARY, ButtonVariant.SMALL);
            remove.setAriaLabel("Remove tag " + tag.name());
            remove.setId("remove-tag-" + tag.id());
            TagChip chip = new TagChip(tag);
            chip.add(remove);
            chips.add(chip);
        }
        addTag.setItems(tags.all().stream().filter(tag -> !on.contains(tag)).toList());
        addTag.setVisible(true);
    }

    /** The names of the tags shown, in order: for tests and screen readers alike. */
    public List<String> shown() {
        return chips.getChildren().map(c -> ((TagChip) c).tag().name()).toList();
    }
}

package org.parley.tag.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import java.util.NoSuchElementException;
import org.parley.security.web.CurrentStaff;
import org.parley.tag.Tag;
import org.parley.tag.TagColour;
import org.parley.tag.TagService;

/**
 * Admins manage the practice's tags: a name and a colour from the palette. Choosing a tag in the grid loads it into
 * the form to rename or recolour it; a tag a routing rule uses cannot be deleted (the message names the rule).
 */
@Route("admin/tags")
@PageTitle("Tags | Parley")
@Menu(title = "Tags", order = 86)
@RolesAllowed("ADMIN")
class TagsView extends VerticalLayout {

    private final TagService tags;
    private final CurrentStaff currentStaff;

    final Grid<Tag> grid = new Grid<>();
    final TextField name = new TextField("Name");
    final Select<TagColour> colour = new Select<>();
    final Button save = new Button("Add tag");
    final Button delete = new Button("Delete tag");
    final Button cancel = new Button("New tag");
    final Span message = new Span();
    private Tag editing;

    TagsView(TagService tags, CurrentStaff currentStaff) {
        this.tags = tags;
        this.currentStaff = currentStaff;
        grid.setId("tags");
        grid.addComponentColumn(TagChip::new).setHeader("Tag").setAutoWidth(true);
        grid.addColumn(tag -> tag.colour().label()).setHeader("Colour").setAutoWidth(true);
        grid.setAllRowsVisible(true);
        grid.asSingleSelect().addValueChangeListener(e -> edit(e.getValue()));
        name.setId("tag-name");
        name.setMaxLength(40);
        name.setPlaceholder("Refill");
        colour.setLabel("Colour");
        colour.setId("tag-colour");
        colour.setItems(TagColour.values());
        colour.setItemLabelGenerator(TagColour::label);
        colour.setValue(TagColour.BLUE);
        save.setId("tag-save");
        save.addThemeVariants(ButtonVariant.PRIMARY);
        save.addClickListener(e -> save());
        delete.setId("tag-delete");
        delete.addThemeVariants(ButtonVariant.ERROR, ButtonVariant.TERTIARY);
        delete.addClickListener(e -> delete());
        cancel.addThemeVariants(ButtonVariant.TERTIARY);
        cancel.addClickListener(e -> grid.asSingleSelect().clear());
        message.setId("tag-message");
        HorizontalLayout form = new HorizontalLayout(name, colour, save, delete, cancel);
        form.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        add(new H2("Tags"),
                new Paragraph("Staff put tags on conversations and filter the inbox by them; routing rules can tag "
                        + "new conversations. Choose a tag to rename, recolour or delete it."),
                form, message, grid);
        edit(null);
        refresh();
    }

    private void edit(Tag tag) {
        editing = tag;
        name.setValue(tag == null ? "" : tag.name());
        colour.setValue(tag == null ? TagColour.BLUE : tag.colour());
        save.setText(tag == null ? "Add tag" : "Save tag");
        delete.setVisible(tag != null);
        cancel.setVisible(tag != null);
    }

    private void save() {
        try {
            String actor = currentStaff.get().username();
            Tag saved = editing == null ? tags.create(actor, name.getValue(), colour.getValue())
                    : tags.change(actor, editing.id(), name.getValue(), colour.getValue());
            ok((editing == null ? "Added " : "Saved ") + saved.name() + ".");
            refresh();
            grid.asSingleSelect().clear();
        } catch (IllegalArgumentException | NoSuchElementException refused) {
            error(refused.getMessage());
        }
    }

    private void delete() {
        try {
            tags.delete(currentStaff.get().username(), editing.id());
            ok("Deleted " + editing.name() + ".");
            refresh();
            grid.asSingleSelect().clear();
        } catch (IllegalArgumentException | NoSuchElementException refused) {
            error(refused.getMessage());
        }
    }

    private void refresh() {
        grid.setItems(tags.all());
    }

    private void ok(String text) {
        message.removeClassName("parley-error");
        message.setText(text);
    }

    private void error(String text) {
        message.addClassName("parley-error");
        message.setText(text);
    }
}

package org.parley.tag.ui;

import com.vaadin.flow.component.html.Span;
import org.parley.tag.Tag;

/** A tag as staff see it everywhere: its name on its colour. */
public class TagChip extends Span {

    private final Tag tag;

    public TagChip(Tag tag) {
        super(tag.name());
        this.tag = tag;
        addClassName("parley-tag");
        getElement().setAttribute("title", "Tag " + tag.name());
        getStyle().set("background", tag.colour().background()).set("color", "#1f2933")
                .set("border-radius", "999px").set("padding", "0 0.5em").set("font-size", "var(--lumo-font-size-xs)")
                .set("margin-right", "0.25em").set("white-space", "nowrap");
    }

    public Tag tag() {
        return tag;
    }
}

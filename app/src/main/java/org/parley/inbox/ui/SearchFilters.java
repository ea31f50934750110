package org.parley.inbox.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.details.Details;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import org.parley.conversation.ConversationStatus;
import org.parley.inbox.ConversationSearch;
import org.parley.lists.InboxListSummary;
import org.parley.lists.ListService;
import org.parley.security.StaffDirectory;
import org.parley.security.StaffMember;
import org.parley.tag.Tag;
import org.parley.tag.TagService;

/**
 * The inbox's search box and its filters (status, list, assignee, tag, dates); while any is set the list shows search
 * results instead of the chosen view. The inbox view places {@link #search}, {@link #filters} and {@link #error}.
 *
 * <p>The filter fields are made when the Filters section is first opened, not with every inbox: most screens never
 * open it, and its six fields with their choices (every list, every tag) were a tenth of what an open inbox held
 * in the server's memory (docs/performance.md, Staff sessions).
 */
class SearchFilters {

    final TextField search = new TextField();
    final Details filters = new Details("Filters");
    final Span error = new Span();

    private final ListService lists;
    private final StaffDirectory staff;
    private final TagService tags;
    private final StaffMember me;
    private final Runnable changed;
    private Fields fields;

    /** The filter fields, once made. */
    static final class Fields {
        final Select<ConversationStatus> statusFilter = new Select<>();
        final ComboBox<InboxListSummary> listFilter = new ComboBox<>("List");
        final ComboBox<StaffMember> assigneeFilter = new ComboBox<>("Assigned to");
        final DatePicker fromFilter = new DatePicker("From");
        final DatePicker toFilter = new DatePicker("To");
        final ComboBox<Tag> tagFilter = new ComboBox<>("Tag");

        private boolean anySet() {
            return statusFilter.getValue() != null || listFilter.getValue() != null
                    || assigneeFilter.getValue() != null || fromFilter.getValue() != null
                    || toFilter.getValue() != null || tagFilter.getValue() != null;
        }

        private void clear() {
            statusFilter.clear();
            listFilter.clear();
            assigneeFilter.clear();
            fromFilter.clear();
            toFilter.clear();
            tagFilter.clear();
        }
    }

    /** {@code changed} runs whenever the search or a filter changes. */
    SearchFilters(ListService lists, StaffDirectory staff, TagService tags, StaffMember me,
                  Runnable changed) {
        this.lists = lists;
        this.staff = staff;
        this.tags = tags;
        this.me = me;
        this.changed = changed;
        search.setId("search");
        search.setPlaceholder("Search name, pharmacy or lab, number, date of birth, MRN or words");
        search.setHelperText(null);
        search.setTooltipText("Whole words of messages are found too (message text is stored encrypted: no parts of words)");
        search.setClearButtonVisible(true);
        search.setWidthFull();
        search.setValueChangeMode(ValueChangeMode.LAZY);
        search.addValueChangeListener(e -> changed.run());
        filters.setId("search-filters");
        filters.addOpenedChangeListener(e -> {
            if (e.isOpened()) {
                fields();
            }
        });
        error.addClassName("parley-error");
    }

    /** The filter fields, made (and placed in the Filters section) on first use. */
    Fields fields() {
        if (fields != null) {
            return fields;
        }
        Fields made = new Fields();
        made.statusFilter.setLabel("Status");
        made.statusFilter.setId("filter-status");
        made.statusFilter.setItems(ConversationStatus.values());
        made.statusFilter.setEmptySelectionAllowed(true);
        made.statusFilter.setEmptySelectionCaption("Open and closed");
        made.statusFilter.setItemLabelGenerator(s -> s == null ? "Open and closed"
                : s == ConversationStatus.OPEN ? "Open" : "Closed");
        made.listFilter.setId("filter-list");
        made.listFilter.setItems(me.isAdmin() ? lists.all() : lists.teamLists());
        made.listFilter.setItemLabelGenerator(InboxListSummary::name);
        made.listFilter.setClearButtonVisible(true);
        made.assigneeFilter.setId("filter-assignee");
        made.assigneeFilter.setItems(query -> staff.searchActive(query.getFilter().orElse(""), query.getOffset(),
                query.getLimit()).stream());
        made.assigneeFilter.setItemLabelGenerator(StaffMember::displayName);
        made.assigneeFilter.setClearButtonVisible(true);
        made.tagFilter.setId("filter-tag");
        made.tagFilter.setItems(tags.all());
        made.tagFilter.setItemLabelGenerator(Tag::name);
        made.tagFilter.setClearButtonVisible(true);
        made.fromFilter.setId("filter-from");
        made.toFilter.setId("filter-to");
        made.statusFilter.addValueChangeListener(e -> changed.run());
        made.listFilter.addValueChangeListener(e -> changed.run());
        made.assigneeFilter.addValueChangeListener(e -> changed.run());
        made.tagFilter.addValueChangeListener(e -> changed.run());
        made.fromFilter.addValueChangeListener(e -> changed.run());
        made.toFilter.addValueChangeListener(e -> changed.run());
        Button clear = new Button("Clear search", e -> clear());
        clear.addThemeVariants(ButtonVariant.TERTIARY, ButtonVariant.SMALL);
        VerticalLayout filterFields = new VerticalLayout(made.statusFilter, made.listFilter, made.assigneeFilter,
                made.tagFilter, made.fromFilter, made.toFilter, clear);
        filterFields.setPadding(false);
        filterFields.setSpacing(false);
        filters.add(filterFields);
        fields = made;
        return made;
    }

    boolean searching() {
        return !search.getValue().isBlank() || fields != null && fields.anySet();
    }

    ConversationSearch current() {
        Fields f = fields;
        if (f == null) {
            return new ConversationSearch(search.getValue(), null, null, null, null, null, null);
        }
        return new ConversationSearch(search.getValue(), f.statusFilter.getValue(),
                f.listFilter.getValue() == null ? null : f.listFilter.getValue().id(),
                f.assigneeFilter.getValue() == null ? null : f.assigneeFilter.getValue().id(), f.fromFilter.getValue(),
                f.toFilter.getValue(), f.tagFilter.getValue() == null ? null : f.tagFilter.getValue().id());
    }

    void clear() {
        search.clear();
        if (fields != null) {
            fields.clear();
        }
    }
}

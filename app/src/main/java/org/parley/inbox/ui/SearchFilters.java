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
 */
class SearchFilters {

    final TextField search = new TextField();
    final Select<ConversationStatus> statusFilter = new Select<>();
    final ComboBox<InboxListSummary> listFilter = new ComboBox<>("List");
    final ComboBox<StaffMember> assigneeFilter = new ComboBox<>("Assigned to");
    final DatePicker fromFilter = new DatePicker("From");
    final DatePicker toFilter = new DatePicker("To");
    final ComboBox<Tag> tagFilter = new ComboBox<>("Tag");
    final Details filters;
    final Span error = new Span();

    /** {@code changed} runs whenever the search or a filter changes. */
    SearchFilters(ListService lists, StaffDirectory staff, TagService tags, StaffMember me,
                  Runnable changed) {
        search.setId("search");
        search.setPlaceholder("Search name, pharmacy or lab, number, date of birth, MRN or words");
        search.setHelperText(null);
        search.setTooltipText("Whole words of messages are found too (message text is stored encrypted: no parts of words)");
        search.setClearButtonVisible(true);
        search.setWidthFull();
        search.setValueChangeMode(ValueChangeMode.LAZY);
        statusFilter.setLabel("Status");
        statusFilter.setId("filter-status");
        statusFilter.setItems(ConversationStatus.values());
        statusFilter.setEmptySelectionAllowed(true);
        statusFilter.setEmptySelectionCaption("Open and closed");
        statusFilter.setItemLabelGenerator(s -> s == null ? "Open and closed" : s == ConversationStatus.OPEN ? "Open" : "Closed");
        listFilter.setId("filter-list");
        listFilter.setItems(me.isAdmin() ? lists.all() : lists.teamLists());
        listFilter.setItemLabelGenerator(InboxListSummary::name);
        listFilter.setClearButtonVisible(true);
        assigneeFilter.setId("filter-assignee");
        assigneeFilter.setItems(query -> staff.searchActive(query.getFilter().orElse(""), query.getOffset(),
                query.getLimit()).stream());
        assigneeFilter.setItemLabelGenerator(StaffMember::displayName);
        assigneeFilter.setClearButtonVisible(true);
        tagFilter.setId("filter-tag");
        tagFilter.setItems(tags.all());
        tagFilter.setItemLabelGenerator(Tag::name);
        tagFilter.setClearButtonVisible(true);
        tagFilter.addValueChangeListener(e -> changed.run());
        fromFilter.setId("filter-from");
        toFilter.setId("filter-to");
        search.addValueChangeListener(e -> changed.run());
        statusFilter.addValueChangeListener(e -> changed.run());
        listFilter.addValueChangeListener(e -> changed.run());
        assigneeFilter.addValueChangeListener(e -> changed.run());
        fromFilter.addValueChangeListener(e -> changed.run());
        toFilter.addValueChangeListener(e -> changed.run());
        Button clear = new Button("Clear search", e -> clear());
        clear.addThemeVariants(ButtonVariant.TERTIARY, ButtonVariant.SMALL);
        VerticalLayout filterFields = new VerticalLayout(statusFilter, listFilter, assigneeFilter, tagFilter, fromFilter,
                toFilter, clear);
        filterFields.setPadding(false);
        filterFields.setSpacing(false);
        filters = new Details("Filters", filterFields);
        filters.setId("search-filters");
        error.addClassName("parley-error");
    }

    boolean searching() {
        return !search.getValue().isBlank() || statusFilter.getValue() != null || listFilter.getValue() != null
                || assigneeFilter.getValue() != null || fromFilter.getValue() != null || toFilter.getValue() != null
                || tagFilter.getValue() != null;
    }

    ConversationSearch current() {
        return new ConversationSearch(search.getValue(), statusFilter.getValue(),
                listFilter.getValue() == null ? null : listFilter.getValue().id(),
                assigneeFilter.getValue() == null ? null : assigneeFilter.getValue().id(), fromFilter.getValue(),
                toFilter.getValue(), tagFilter.getValue() == null ? null : tagFilter.getValue().id());
    }

    void clear() {
        search.clear();
        statusFilter.clear();
        listFilter.clear();
        assigneeFilter.clear();
        fromFilter.clear();
        toFilter.clear();
        tagFilter.clear();
    }
}

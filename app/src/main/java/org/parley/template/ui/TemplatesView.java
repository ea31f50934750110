package org.parley.template.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import java.util.NoSuchElementException;
import org.parley.security.web.CurrentStaff;
import org.parley.template.TemplateService;
import org.parley.template.TemplateSummary;

/** Admins write the team's templates: a searchable, paged list and a form with placeholder help and a preview. */
@Route("admin/templates")
@PageTitle("Templates | Parley")
@Menu(title = "Templates", order = 88)
@RolesAllowed("ADMIN")
class TemplatesView extends HorizontalLayout {

    private final TemplateService templates;
    private final CurrentStaff currentStaff;
    final TextField search = new TextField();
    final Grid<TemplateSummary> grid = new Grid<>();
    final TemplateForm form;
    final Span message = new Span();

    TemplatesView(TemplateService templates, CurrentStaff currentStaff) {
        this.templates = templates;
        this.currentStaff = currentStaff;
        this.form = new TemplateForm(templates, currentStaff.get().displayName());
        setSizeFull();
        search.setId("template-search");
        search.setPlaceholder("Search by name");
        search.setValueChangeMode(ValueChangeMode.LAZY);
        search.addValueChangeListener(e -> grid.getDataProvider().refreshAll());
        grid.setId("templates");
        grid.addColumn(TemplateSummary::name).setHeader("Name").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(TemplateSummary::body).setHeader("Text").setFlexGrow(1);
        grid.setItems(query -> templates.search(search.getValue(), query.getOffset(), query.getLimit()).stream(),
                query -> (int) Math.min(Integer.MAX_VALUE, templates.count(search.getValue())));
        grid.asSingleSelect().addValueChangeListener(e -> {
            if (e.getValue() != null) {
                form.edit(e.getValue());
            }
        });
        grid.setSizeFull();
        Button create = new Button("New template", e -> {
            grid.asSingleSelect().clear();
            form.startNew();
        });
        create.setId("template-new");
        message.setId("templates-message");

        form.setWidth("32em");
        form.addSaveListener(e -> {
            try {
                TemplateSummary saved = e.id() == null ? templates.create(me(), e.name(), e.body())
                        : templates.update(me(), e.id(), e.name(), e.body());
                message.setText("Template '" + saved.name() + "' saved.");
                grid.getDataProvider().refreshAll();
                form.edit(saved);
            } catch (IllegalArgumentException | NoSuchElementException refused) {
                form.showError(refused.getMessage());
            }
        });
        form.addDeleteListener(e -> {
            templates.delete(me(), e.id());
            message.setText("Template deleted.");
            grid.asSingleSelect().clear();
            grid.getDataProvider().refreshAll();
            form.startNew();
        });
        form.addCancelListener(e -> {
            grid.asSingleSelect().clear();
            form.startNew();
        });

        VerticalLayout list = new VerticalLayout(new H2("Templates"),
                new Span("Everyone inserts these into replies and notes; only admins change them."),
                new HorizontalLayout(search, create), message, grid);
        list.setSizeFull();
        add(list, form);
    }

    private String me() {
        return currentStaff.get().username();
    }
}

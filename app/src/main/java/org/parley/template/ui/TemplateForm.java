package org.parley.template.ui;

import com.vaadin.flow.component.ComponentEvent;
import com.vaadin.flow.component.ComponentEventListener;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.shared.Registration;
import org.parley.template.Placeholder;
import org.parley.template.TemplateService;
import org.parley.template.TemplateSummary;

/**
 * A template's name and text, the placeholders it may use, and a live preview of the text as staff would get it.
 * It fires {@link SaveEvent}, {@link DeleteEvent} and {@link CancelEvent}; the page calls the service.
 */
class TemplateForm extends VerticalLayout {

    final H3 title = new H3();
    final TextField name = new TextField("Name");
    final TextArea body = new TextArea("Text");
    final Span problem = new Span();
    final Paragraph preview = new Paragraph();
    final Span error = new Span();
    final Button save = new Button("Save");
    final Button delete = new Button("Delete");
    final Button cancel = new Button("Cancel");
    private final TemplateService templates;
    private final String staffName;
    private Long editing;

    TemplateForm(TemplateService templates, String staffName) {
        this.templates = templates;
        this.staffName = staffName;
        setPadding(false);
        name.setId("template-name");
        name.setWidthFull();
        name.setMaxLength(100);
        body.setId("template-body");
        body.setWidthFull();
        body.setMinHeight("8em");
        body.setMaxLength(TemplateService.MAX_BODY_LENGTH);
        body.setValueChangeMode(ValueChangeMode.EAGER);
        body.addValueChangeListener(e -> showPreview());
        problem.setId("template-problem");
        problem.addClassName("parley-error");
        preview.setId("template-preview");
        preview.addClassName("template-preview");
        error.setId("template-error");
        error.addClassName("parley-error");

        UnorderedList help = new UnorderedList();
        help.setId("placeholder-help");
        for (Placeholder placeholder : Placeholder.values()) {
            Span token = new Span(placeholder.token());
            token.addClassName("placeholder-token");
            help.add(new ListItem(token, new Span(" — " + placeholder.meaning() + "; shown as "
                    + placeholder.whenUnknown() + " when not known")));
        }
        Div helpBox = new Div(new Span("Placeholders, filled in when staff insert the template:"), help);
        helpBox.addClassName("parley-hint");

        save.setId("template-save");
        save.addThemeVariants(ButtonVariant.PRIMARY);
        save.addClickListener(e -> fireEvent(new SaveEvent(this, editing, name.getValue(), body.getValue())));
        delete.setId("template-delete");
        delete.addThemeVariants(ButtonVariant.ERROR, ButtonVariant.TERTIARY);
        delete.addClickListener(e -> {
            if (editing != null) {
                fireEvent(new DeleteEvent(this, editing));
            }
        });
        cancel.setId("template-cancel");
        cancel.addThemeVariants(ButtonVariant.TERTIARY);
        cancel.addClickListener(e -> fireEvent(new CancelEvent(this)));
        Span previewLabel = new Span("Preview for a patient named Maria Lopez:");
        previewLabel.addClassName("parley-hint");
        add(title, name, body, problem, helpBox, previewLabel, preview, error,
                new HorizontalLayout(save, delete, cancel));
        startNew();
    }

    /** An empty form for a new template. */
    void startNew() {
        show(null, "New template", "", "");
    }

    /** The form filled with a template to change. */
    void edit(TemplateSummary template) {
        show(template.id(), "Edit template", template.name(), template.body());
    }

    void showError(String message) {
        error.setText(message);
    }

    private void show(Long id, String heading, String nameValue, String bodyValue) {
        editing = id;
        title.setText(heading);
        name.setValue(nameValue);
        body.setValue(bodyValue);
        delete.setVisible(id != null);
        error.setText("");
        showPreview();
        name.focus();
    }

    /** Checks the placeholders and fills the text in as the admin types. */
    private void showPreview() {
        problem.setText(templates.placeholderProblem(body.getValue()).orElse(""));
        preview.setText(templates.preview(body.getValue(), staffName));
    }

    /** The admin saves the form: a new template when {@code id} is null. */
    static class SaveEvent extends ComponentEvent<TemplateForm> {
        private final Long id;
        private final String name;
        private final String body;

        SaveEvent(TemplateForm source, Long id, String name, String body) {
            super(source, false);
            this.id = id;
            this.name = name;
            this.body = body;
        }

        Long id() {
            return id;
        }

        String name() {
            return name;
        }

        String body() {
            return body;
        }
    }

    /** The admin deletes the template being edited. */
    static class DeleteEvent extends ComponentEvent<TemplateForm> {
        private final long id;

        DeleteEvent(TemplateForm source, long id) {
            super(source, false);
            this.id = id;
        }

        long id() {
            return id;
        }
    }

    /** The admin leaves the form without saving. */
    static class CancelEvent extends ComponentEvent<TemplateForm> {
        CancelEvent(TemplateForm source) {
            super(source, false);
        }
    }

    Registration addSaveListener(ComponentEventListener<SaveEvent> listener) {
        return addListener(SaveEvent.class, listener);
    }

    Registration addDeleteListener(ComponentEventListener<DeleteEvent> listener) {
        return addListener(DeleteEvent.class, listener);
    }

    Registration addCancelListener(ComponentEventListener<CancelEvent> listener) {
        return addListener(CancelEvent.class, listener);
    }
}

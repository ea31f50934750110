package org.parley.patient.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import org.parley.conversation.ConversationService;
import org.parley.patient.ContactSummary;
import org.parley.patient.Organisations;
import org.parley.patient.phone.PhoneFormat;
import org.parley.security.web.CurrentStaff;

/** Pharmacies, labs and other practices: contacts with a name and a number, never a patient's name. */
@Route("contacts")
@PageTitle("Contacts | Parley")
@Menu(title = "Pharmacies and labs", order = 11)
// STAFF or ADMIN, not just any login: a session whose account lost its role sees nothing here.
@RolesAllowed({"STAFF", "ADMIN"})
class OrganisationsView extends VerticalLayout {

    private final Organisations organisations;
    final Grid<ContactSummary> grid = new Grid<>();
    final TextField name = new TextField("Name");
    final ComboBox<String> kind = new ComboBox<>("Kind");
    final TextField number = new TextField("Number");
    final Span error = new Span();

    OrganisationsView(Organisations organisations, ConversationService conversations, CurrentStaff currentStaff) {
        this.organisations = organisations;
        setSizeFull();
        grid.setId("organisations");
        grid.addColumn(ContactSummary::organisation).setHeader("Name").setAutoWidth(true);
        grid.addColumn(ContactSummary::organisationKind).setHeader("Kind").setAutoWidth(true);
        grid.addColumn(c -> PhoneFormat.national(c.phoneNumber())).setHeader("Number").setAutoWidth(true);
        grid.addComponentColumn(c -> new Button("Open conversation", e -> getUI().ifPresent(ui ->
                ui.navigate("inbox/" + conversations.conversationWith(currentStaff.get(), c.id())))))
                .setKey("open");
        grid.setItems(query -> organisations.organisations(query.getOffset(), query.getLimit()).stream());
        name.setId("organisation-name");
        name.setPlaceholder("e.g. Walgreens Pharmacy 7001 Amboy Rd.");
        kind.setId("organisation-kind");
        kind.setItems(Organisations.ORGANISATION_KINDS);
        number.setId("organisation-number");
        error.setId("organisation-error");
        error.addClassName("parley-error");
        Button add = new Button("Add contact", e -> {
            try {
                organisations.createOrganisation(currentStaff.get().username(), name.getValue(), kind.getValue(),
                        number.getValue());
                name.clear();
                number.clear();
                error.setText("");
                grid.getDataProvider().refreshAll();
            } catch (IllegalArgumentException invalid) {
                error.setText(invalid.getMessage());
            }
        });
        add.setId("add-organisation");
        add.addThemeVariants(ButtonVariant.PRIMARY);
        add(new H2("Pharmacies, labs and other practices"),
                new Paragraph("Their messages land in their own conversation. From there, copy a message into the "
                        + "patient's conversation it is about."),
                new FormLayout(name, kind, number), error, add, grid);
    }
}

package org.parley.security.ui;

import com.vaadin.flow.component.HasSize;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import org.parley.practice.PracticeProfiles;
import org.parley.practice.ui.PracticeFields;
import org.parley.security.StaffDirectory;

/**
 * First run: Parley has no accounts and no default password, so whoever installs it creates the first
 * admin here. Once any account exists this page sends visitors to the login.
 */
@Route(value = "setup", autoLayout = false)
@PageTitle("Set up Parley")
@AnonymousAllowed
public class FirstRunView extends VerticalLayout implements BeforeEnterObserver {

    private final StaffDirectory directory;
    final TextField username = new TextField("User name");
    final TextField displayName = new TextField("Your name");
    final PasswordField password = new PasswordField("Password");
    final PasswordField confirm = new PasswordField("Password again");
    final Span error = new Span();
    final Button create = new Button("Create administrator");
    final TextField practiceName = PracticeFields.name();
    final ComboBox<String> timeZone =
            PracticeFields.timeZone();
    private final PracticeProfiles practice;

    FirstRunView(StaffDirectory directory, PracticeProfiles practice) {
        this.directory = directory;
        this.practice = practice;
        setSizeFull();
        setAlignItems(Alignment.CENTER);
        setJustifyContentMode(JustifyContentMode.CENTER);
        username.setId("setup-username");
        displayName.setId("setup-name");
        password.setId("setup-password");
        confirm.setId("setup-confirm");
        create.setId("setup-create");
        password.setHelperText("At least " + StaffDirectory.MIN_PASSWORD_LENGTH + " characters");
        error.addClassName("parley-error");
        error.setId("setup-error");
        create.addThemeVariants(ButtonVariant.PRIMARY);
        create.addClickListener(e -> submit());
        for (var field : new HasSize[] {username, displayName, password, confirm}) {
            field.setWidth("20em");
        }
        add(new H1("Welcome to Parley"),
                new Paragraph("Name your practice and create the administrator account. You will add your "
                        + "colleagues afterwards."),
                practiceName, timeZone, username, displayName, password, confirm, error, create);
    }

    private void submit() {
        if (!password.getValue().equals(confirm.getValue())) {
            error.setText("The two passwords differ.");
            return;
        }
        try {
            // Checked first, so that nothing is created when the practice's name is missing.
            PracticeProfiles.check(practiceName.getValue(), timeZone.getValue());
            var admin = directory.createFirstAdmin(username.getValue(), displayName.getValue(), password.getValue());
            practice.setAtFirstRun(admin, practiceName.getValue(), timeZone.getValue());
        } catch (IllegalArgumentException | IllegalStateException e) {
            error.setText(e.getMessage());
            return;
        }
        getUI().ifPresent(ui -> ui.navigate(LoginView.class));
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        if (directory.hasAnyUser()) {
            event.forwardTo(LoginView.class);
        }
    }
}

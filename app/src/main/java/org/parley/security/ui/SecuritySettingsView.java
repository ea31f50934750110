package org.parley.security.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import org.parley.security.settings.SecuritySettings;
import org.parley.security.web.CurrentStaff;

/** The practice's security settings, for admins; every change is audited. */
@Route("admin/security")
@PageTitle("Security | Parley")
@Menu(title = "Security", order = 90)
@RolesAllowed("ADMIN")
class SecuritySettingsView extends VerticalLayout {

    final Checkbox twoFactorForEveryone = new Checkbox("Require two-factor sign-in of all staff");
    final Button save = new Button("Save");
    final Span message = new Span();

    SecuritySettingsView(SecuritySettings settings, CurrentStaff currentStaff) {
        twoFactorForEveryone.setId("two-factor-everyone");
        twoFactorForEveryone.setValue(settings.twoFactorForEveryone());
        twoFactorForEveryone.setHelperText("Administrators always need it. Staff without it set it up at their "
                + "next sign-in.");
        save.setId("security-save");
        save.addThemeVariants(ButtonVariant.PRIMARY);
        message.setId("security-message");
        save.addClickListener(e -> {
            settings.requireTwoFactorForEveryone(currentStaff.get().username(), twoFactorForEveryone.getValue());
            message.setText("Saved.");
        });
        add(new H2("Security"), twoFactorForEveryone, save, message);
    }
}

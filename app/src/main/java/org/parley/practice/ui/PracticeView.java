package org.parley.practice.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import org.parley.practice.Practice;
import org.parley.practice.PracticeProfiles;
import org.parley.security.web.CurrentStaff;

/** The practice's name and time zone, for admins; every change is audited. */
@Route("admin/practice")
@PageTitle("Practice | Parley")
@Menu(title = "Practice", order = 85)
@RolesAllowed("ADMIN")
class PracticeView extends VerticalLayout {

    final TextField name = PracticeFields.name();
    final ComboBox<String> timeZone = PracticeFields.timeZone();
    final Button save = new Button("Save");
    final Span message = new Span();

    PracticeView(PracticeProfiles profiles, CurrentStaff currentStaff) {
        Practice practice = profiles.current();
        name.setValue(practice.set() ? practice.name() : "");
        timeZone.setValue(practice.timeZone().getId());
        save.setId("practice-save");
        save.addThemeVariants(ButtonVariant.PRIMARY);
        message.setId("practice-message");
        save.addClickListener(e -> {
            try {
                Practice saved = profiles.change(currentStaff.get().username(), name.getValue(), timeZone.getValue());
                name.setValue(saved.name());
                message.removeClassName("parley-error");
                message.setText("Saved.");
            } catch (IllegalArgumentException invalid) {
                message.addClassName("parley-error");
                message.setText(invalid.getMessage());
            }
        });
        add(new H2("Practice"), new Paragraph("Patients read this name in the automatic answers to STOP, START and "
                + "HELP and in templates ({practice.name}); chart documents carry it and print times in this zone."),
                name, timeZone, save, message);
    }
}

package org.parley.security.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextArea;
import java.time.Duration;
import java.util.function.BiConsumer;

/** Asks an admin why a colleague needs emergency access and for how long, then grants it. */
class EmergencyDialog extends Dialog {

    final TextArea reason = new TextArea("Reason");
    final Select<Duration> duration = new Select<>();
    final Button grant = new Button("Grant emergency access");
    final Span error = new Span();

    EmergencyDialog(String username, BiConsumer<String, Duration> granting) {
        setHeaderTitle("Emergency access for " + username);
        reason.setId("emergency-reason");
        reason.setWidthFull();
        reason.setMaxLength(500);
        reason.setHelperText("Required. Say why, without patient details: e.g. \"the only admin is on leave\".");
        duration.setId("emergency-duration");
        duration.setLabel("For");
        duration.setItems(Duration.ofHours(1), Duration.ofHours(4), Duration.ofHours(8), Duration.ofHours(24));
        duration.setItemLabelGenerator(d -> d.toHours() + (d.toHours() == 1 ? " hour" : " hours"));
        duration.setValue(Duration.ofHours(4));
        error.setId("emergency-error");
        error.addClassName("parley-error");
        grant.setId("emergency-grant");
        grant.addThemeVariants(ButtonVariant.PRIMARY, ButtonVariant.ERROR);
        grant.addClickListener(e -> {
            try {
                granting.accept(reason.getValue(), duration.getValue());
                close();
            } catch (IllegalArgumentException refused) {
                error.setText(refused.getMessage());
            }
        });
        Button cancel = new Button("Cancel", e -> close());
        add(new Paragraph(username + " gets every admin right, also the audit log, until the time is up or an "
                + "admin ends it. Granting, ending and running out are audited."), reason, duration, error);
        getFooter().add(cancel, grant);
        setWidth("30em");
    }
}

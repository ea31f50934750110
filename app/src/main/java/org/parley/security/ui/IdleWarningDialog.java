package org.parley.security.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;

/** "You will be signed out in 60 s": shown in every tab of a session shortly before it is signed out. */
class IdleWarningDialog extends Dialog {

    final Span countdown = new Span();
    final Button stay = new Button("Stay signed in");

    IdleWarningDialog(Runnable staying) {
        setId("idle-warning");
        setHeaderTitle("Still there?");
        setModal(true);
        // Only use of Parley closes it (in every tab at once), so it never disagrees with the timer.
        setCloseOnEsc(false);
        setCloseOnOutsideClick(false);
        countdown.setId("idle-countdown");
        stay.setId("stay-signed-in");
        stay.addThemeVariants(ButtonVariant.PRIMARY);
        stay.addClickListener(e -> staying.run());
        add(new Paragraph(countdown), new Paragraph("Nobody has used Parley for a while. To protect patients' "
                + "privacy it signs out, in every tab, unless you stay."));
        getFooter().add(stay);
    }

    void showSecondsLeft(long seconds) {
        countdown.setText("You will be signed out in " + seconds + " s");
    }
}

package org.parley.security.ui;

import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import org.parley.security.TwoFactor;
import org.parley.security.web.CurrentStaff;

/** Every staff member's own two-factor sign-in: whether it is on, and setting it up. */
@Route("account/two-factor")
@PageTitle("Two-factor sign-in | Parley")
@Menu(title = "Two-factor sign-in", order = 95)
// STAFF or ADMIN, not just any login: a session whose account lost its role sees nothing here.
@RolesAllowed({"STAFF", "ADMIN"})
class TwoFactorView extends VerticalLayout {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("MMM d, yyyy");

    private final TwoFactor twoFactor;
    private final String me;
    final Paragraph state = new Paragraph();
    EnrolmentForm form;

    TwoFactorView(TwoFactor twoFactor, CurrentStaff currentStaff) {
        this.twoFactor = twoFactor;
        this.me = currentStaff.get().username();
        state.setId("two-factor-state");
        show();
    }

    private void show() {
        removeAll();
        TwoFactor.Status status = twoFactor.status(me);
        add(new H2("Two-factor sign-in"), state);
        if (status.enrolled()) {
            state.setText("On since " + DAY.format(status.since().atZone(ZoneId.systemDefault())) + ". "
                    + status.recoveryCodesLeft() + " unused recovery codes. Phone lost or replaced? Ask an "
                    + "administrator to reset it; you then set it up again at your next sign-in.");
            return;
        }
        state.setText(status.required()
                ? "Off, but your account must have it: set it up now, or you will be asked at your next sign-in."
                : "Off. With it on, a stolen password alone cannot open your account.");
        TwoFactor.EnrolmentOffer offer = twoFactor.offer(me);
        form = new EnrolmentForm(offer, code -> twoFactor.enrolSignedIn(me, offer, code), "Done", this::show);
        form.setMaxWidth("32em");
        add(form);
    }
}

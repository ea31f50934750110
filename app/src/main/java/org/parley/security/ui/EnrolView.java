package org.parley.security.ui;

import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import org.parley.security.PendingSignIn;
import org.parley.security.SignInSession;

/**
 * Right after the password, for an account that must have two-factor sign-in and has not set it up: nothing
 * else opens until it is done. The confirming code counts as this sign-in's second factor.
 */
@Route(value = "login/enrol", autoLayout = false)
@PageTitle("Set up two-factor sign-in | Parley")
@AnonymousAllowed
class EnrolView extends VerticalLayout implements BeforeEnterObserver {

    private final SignInSession signIns;
    EnrolmentForm form;

    EnrolView(SignInSession signIns) {
        this.signIns = signIns;
        addClassName("parley-login");
        setAlignItems(Alignment.CENTER);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        PendingSignIn pending = signIns.pending(ServletCalls.request()).orElse(null);
        if (pending == null) {
            event.forwardTo(LoginView.class);
            return;
        }
        if (!pending.mustEnrol()) {
            event.forwardTo(SecondFactorView.class);
            return;
        }
        var offer = signIns.offerEnrolment(ServletCalls.request());
        form = new EnrolmentForm(offer,
                code -> signIns.enrol(ServletCalls.request(), ServletCalls.response(), offer, code),
                "I have saved them: continue to Parley",
                () -> getUI().ifPresent(ui -> ui.getPage().setLocation(".")));
        form.setWidth("32em");
        removeAll();
        add(new H1("Set up two-factor sign-in"),
                new Paragraph("Your account needs a second step at sign-in: a code from an app on your phone. "
                        + "It takes a minute, once."), form);
    }
}

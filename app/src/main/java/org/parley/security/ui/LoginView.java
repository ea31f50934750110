package org.parley.security.ui;

import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.login.LoginForm;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import org.parley.security.SignInSession;
import org.parley.security.StaffDirectory;

/**
 * Staff log in here. On an empty database it sends the visitor to create the first admin instead; a browser whose
 * password was accepted and whose second factor is due goes on to that step, whatever page it asked for.
 */
@Route(value = "login", autoLayout = false)
@PageTitle("Log in | Parley")
@AnonymousAllowed
public class LoginView extends VerticalLayout implements BeforeEnterObserver {

    private final StaffDirectory directory;
    private final SignInSession signIns;
    private final LoginForm login = new LoginForm();

    LoginView(StaffDirectory directory, SignInSession signIns) {
        this.directory = directory;
        this.signIns = signIns;
        addClassName("parley-login");
        setSizeFull();
        setAlignItems(Alignment.CENTER);
        setJustifyContentMode(JustifyContentMode.CENTER);
        login.setAction("login");
        login.setForgotPasswordButtonVisible(false);
        add(new H1("Parley"), new Paragraph("Patient messaging for your practice"), login);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        if (!directory.hasAnyUser()) {
            event.forwardTo(FirstRunView.class);
            return;
        }
        var pending = signIns.pending(ServletCalls.request());
        if (pending.isPresent()) {
            event.forwardTo(pending.get().mustEnrol() ? EnrolView.class : SecondFactorView.class);
            return;
        }
        login.setError(event.getLocation().getQueryParameters().getParameters().containsKey("error"));
    }
}

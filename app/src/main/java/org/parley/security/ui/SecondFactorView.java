package org.parley.security.ui;

import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import org.parley.security.PendingSignIn;
import org.parley.security.SignInSession;
import org.parley.security.TwoFactor;

/**
 * The second step of signing in: a code from the authenticator app or a recovery code. Reachable only by a
 * browser whose password was just accepted; until the code is right that browser is not signed in at all.
 */
@Route(value = "login/code", autoLayout = false)
@PageTitle("Two-factor sign-in | Parley")
@AnonymousAllowed
class SecondFactorView extends VerticalLayout implements BeforeEnterObserver {

    private final SignInSession signIns;
    final TextField code = new TextField("Code");
    final Button submit = new Button("Sign in");
    final Button cancel = new Button("Use another account");
    final Span message = new Span();

    SecondFactorView(SignInSession signIns) {
        this.signIns = signIns;
        addClassName("parley-login");
        setSizeFull();
        setAlignItems(Alignment.CENTER);
        setJustifyContentMode(JustifyContentMode.CENTER);
        code.setId("second-factor-code");
        code.getElement().setAttribute("autocomplete", "one-time-code");
        code.setAutofocus(true);
        code.setHelperText("The 6 digits your authenticator app shows, or one of your recovery codes");
        submit.setId("second-factor-submit");
        submit.addThemeVariants(ButtonVariant.PRIMARY);
        submit.addClickShortcut(Key.ENTER);
        submit.addClickListener(e -> submit());
        cancel.setId("second-factor-cancel");
        cancel.addThemeVariants(ButtonVariant.TERTIARY);
        cancel.addClickListener(e -> {
            signIns.cancel(ServletCalls.request());
            getUI().ifPresent(ui -> ui.navigate(LoginView.class));
        });
        message.setId("second-factor-message");
        add(new H1("Parley"), new Paragraph("Your password was right. Now confirm it is you."), code, message, submit,
                cancel);
    }

    private void submit() {
        TwoFactor.Verification verification = signIns.verify(ServletCalls.request(), ServletCalls.response(),
                code.getValue());
        switch (verification.outcome()) {
            case ACCEPTED -> {
                if (verification.recoveryCodeUsed()) {
                    showRecoveryCodeUsed(verification.recoveryCodesLeft());
                } else {
                    enterParley();
                }
            }
            case WRONG -> {
                showError("That code is not right. Codes change every 30 seconds: type the one the app shows now.");
                code.clear();
                code.focus();
            }
            case REFUSED -> {
                showError("This sign-in cannot go on: the account is locked after too many wrong codes, or was "
                        + "changed. Try again later or ask an administrator.");
                code.setEnabled(false);
                submit.setEnabled(false);
            }
        }
    }

    private void showRecoveryCodeUsed(long left) {
        removeAll();
        Button enter = new Button("Continue to Parley", e -> enterParley());
        enter.setId("second-factor-continue");
        enter.addThemeVariants(ButtonVariant.PRIMARY);
        message.getElement().getClassList().remove("parley-error");
        message.setText("You signed in with a recovery code; it will not work again. " + left
                + " recovery codes are left. If your phone is lost, ask an administrator to reset your two-factor "
                + "sign-in.");
        add(new H1("Parley"), message, enter);
    }

    private void showError(String text) {
        message.setText(text);
        message.getElement().getClassList().add("parley-error");
    }

    /** A fresh page: the new session id and login take effect, and the signed-in layout is built for them. */
    private void enterParley() {
        getUI().ifPresent(ui -> ui.getPage().setLocation("."));
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        PendingSignIn pending = signIns.pending(ServletCalls.request()).orElse(null);
        if (pending == null) {
            event.forwardTo(LoginView.class);
        } else if (pending.mustEnrol()) {
            event.forwardTo(EnrolView.class);
        }
    }
}

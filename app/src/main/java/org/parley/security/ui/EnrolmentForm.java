package org.parley.security.ui;

import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Image;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import java.util.List;
import java.util.function.Function;
import org.parley.security.TwoFactor;

/**
 * Setting up two-factor sign-in: the QR code and the secret as text for an authenticator app, a code from the
 * app to confirm, then the recovery codes, shown this once.
 */
class EnrolmentForm extends VerticalLayout {

    final Image qrCode;
    final Span secret = new Span();
    final TextField code = new TextField("Code from the app");
    final Button confirm = new Button("Confirm");
    final Span error = new Span();
    final UnorderedList recoveryCodes = new UnorderedList();
    final Button done;

    /**
     * @param confirmation keeps the secret once the typed code is right and returns the recovery codes; throws
     *                     {@link IllegalArgumentException} naming what is wrong
     */
    EnrolmentForm(TwoFactor.EnrolmentOffer offer, Function<String, List<String>> confirmation, String doneLabel,
                  Runnable whenDone) {
        setPadding(false);
        qrCode = new Image(offer.qrCode(), "QR code to scan with an authenticator app");
        qrCode.setId("totp-qr");
        qrCode.setWidth("14em");
        qrCode.setHeight("14em");
        secret.setId("totp-secret");
        secret.addClassName("parley-secret");
        secret.setText(String.join(" ", offer.secret().split("(?<=\\G.{4})")));
        code.setId("enrol-code");
        code.getElement().setAttribute("autocomplete", "one-time-code");
        code.setAutofocus(true);
        confirm.setId("enrol-confirm");
        confirm.addThemeVariants(ButtonVariant.PRIMARY);
        confirm.addClickShortcut(Key.ENTER);
        error.setId("enrol-error");
        error.addClassName("parley-error");
        recoveryCodes.setId("recovery-codes");
        recoveryCodes.addClassName("parley-secret");
        done = new Button(doneLabel, e -> whenDone.run());
        done.setId("enrol-continue");
        done.addThemeVariants(ButtonVariant.PRIMARY);
        confirm.addClickListener(e -> {
            try {
                showRecoveryCodes(confirmation.apply(code.getValue()));
            } catch (IllegalArgumentException | IllegalStateException wrong) {
                error.setText(wrong.getMessage());
                code.clear();
                code.focus();
            }
        });
        add(new Paragraph("1. Scan this code with an authenticator app on your phone (Google Authenticator, "
                        + "Authy, Microsoft Authenticator, 1Password…)."), qrCode,
                new Paragraph("No camera? Type this key into the app instead:"), secret,
                new Paragraph("2. Type the 6-digit code the app shows now."), code, error, confirm);
    }

    private void showRecoveryCodes(List<String> codes) {
        removeAll();
        codes.forEach(c -> recoveryCodes.add(new ListItem(c)));
        add(new Paragraph("Two-factor sign-in is set up. These recovery codes let you sign in if your phone is "
                        + "lost: each works once. Print them or keep them somewhere safe now; Parley will not show "
                        + "them again."), recoveryCodes, done);
    }
}

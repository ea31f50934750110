package org.parley.notify.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.ClientCallable;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.EmailField;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.parley.notify.Channels;
import org.parley.notify.NotificationPreferences;
import org.parley.notify.NotificationSettings;
import org.parley.security.StaffDirectory;
import org.parley.security.StaffMember;
import org.parley.security.web.CurrentStaff;

/**
 * Each staff member's notifications: their e-mail address; per list they subscribe to, for "My inbox" and for
 * mentions, whether they hear of new messages by e-mail and/or a desktop pop-up; and the button that asks the browser
 * to allow pop-ups. Every change is saved at once.
 */
@Route("notifications")
@PageTitle("Notifications | Parley")
@Menu(title = "Notifications", order = 80)
// STAFF or ADMIN, not just any login: a session whose account lost its role sees nothing here.
@RolesAllowed({"STAFF", "ADMIN"})
class NotificationsView extends VerticalLayout {

    static final String EMAIL_NOT_SET_UP = "E-mail notifications are not set up yet; ask your administrator.";
    static final String NO_ADDRESS = "Add your e-mail address above to choose e-mails.";

    // Asked from the button's own click handler in the browser: browsers grant the permission dialog only to a
    // click the person just made, which a round trip to the server may no longer count as.
    private static final String WIRE_PERMISSION_BUTTON = """
            const view = this;
            const report = () => view.$server.desktopPermission(!window.isSecureContext ? 'insecure'
                    : 'Notification' in window ? Notification.permission : 'unsupported');
            $0.addEventListener('click', () => {
                if ('Notification' in window) { Notification.requestPermission().then(report); } else { report(); }
            });
            report();
            """;

    private final NotificationPreferences preferences;
    private final StaffDirectory directory;
    private final StaffMember me;

    final EmailField email = new EmailField("Your e-mail address");
    final Button saveEmail = new Button("Save address");
    final Span emailState = new Span();
    final Button enableDesktop = new Button("Enable desktop pop-ups");
    final Span desktopState = new Span();
    final Checkbox myInboxEmail = new Checkbox("E-mail");
    final Checkbox myInboxDesktop = new Checkbox("Desktop pop-up");
    final Checkbox mentionEmail = new Checkbox("E-mail");
    final Map<Long, Checkbox> listEmail = new LinkedHashMap<>();
    final Map<Long, Checkbox> listDesktop = new LinkedHashMap<>();
    final Span message = new Span();
    private final Div choices = new Div();

    NotificationsView(NotificationPreferences preferences, StaffDirectory directory, CurrentStaff currentStaff) {
        this.preferences = preferences;
        this.directory = directory;
        this.me = currentStaff.get();
        setMaxWidth("60em");

        email.setId("my-email");
        email.setWidth("24em");
        saveEmail.setId("save-my-email");
        saveEmail.addClickListener(e -> saveEmail());
        emailState.setId("email-state");
        HorizontalLayout address = new HorizontalLayout(email, saveEmail);
        address.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);

        enableDesktop.setId("enable-desktop");
        desktopState.setId("desktop-state");
        HorizontalLayout desktop = new HorizontalLayout(enableDesktop, desktopState);
        desktop.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.CENTER);

        myInboxEmail.setId("email-my-inbox");
        myInboxDesktop.setId("desktop-my-inbox");
        mentionEmail.setId("email-mentions");
        message.setId("notifications-message");
        saveOnTick(myInboxEmail, on -> preferences.chooseForMyInbox(me, new Channels(on, myInboxDesktop.getValue())));
        saveOnTick(myInboxDesktop, on -> preferences.chooseForMyInbox(me, new Channels(myInboxEmail.getValue(), on)));
        saveOnTick(mentionEmail, on -> preferences.chooseForMentions(me, on));
        choices.setId("notification-choices");
        choices.getStyle().set("display", "grid").set("grid-template-columns", "minmax(10em, max-content) auto auto")
                .set("gap", "var(--lumo-space-s) var(--lumo-space-l)").set("align-items", "center");

        add(new H2("Notifications"),
                new Paragraph("How you hear of new patient messages when Parley is not in front of you. E-mails and "
                        + "pop-ups say only where a message is and link to it, never who wrote or what."),
                message,
                new H3("E-mail"), address, emailState,
                new H3("Desktop pop-ups"),
                new Paragraph("Pop-ups show while Parley is open in a tab of this browser, once the browser allows "
                        + "them."),
                desktop,
                new H3("New messages"), choices);
        show(preferences.of(me));
    }

    private void show(NotificationSettings settings) {
        email.setValue(settings.emailAddress() == null ? "" : settings.emailAddress());
        emailState.setText(!settings.emailSetUp() ? EMAIL_NOT_SET_UP
                : settings.emailAddress() == null ? NO_ADDRESS : "");
        emailState.setVisible(!emailState.getText().isEmpty());

        choices.removeAll();
        listEmail.clear();
        listDesktop.clear();
        row("My inbox (assigned to me)", myInboxEmail, myInboxDesktop);
        myInboxEmail.setValue(settings.myInbox().email());
        myInboxDesktop.setValue(settings.myInbox().desktop());
        for (NotificationSettings.ListChoice list : settings.lists()) {
            Checkbox byEmail = new Checkbox("E-mail");
            Checkbox byDesktop = new Checkbox("Desktop pop-up");
            byEmail.setId("email-list-" + list.listId());
            byDesktop.setId("desktop-list-" + list.listId());
            listEmail.put(list.listId(), byEmail);
            listDesktop.put(list.listId(), byDesktop);
            row(list.listName(), byEmail, byDesktop);
            byEmail.setValue(list.channels().email());
            byDesktop.setValue(list.channels().desktop());
            saveOnTick(byEmail, on -> preferences.chooseForList(me, list.listId(),
                    new Channels(on, byDesktop.getValue())));
            saveOnTick(byDesktop, on -> preferences.chooseForList(me, list.listId(),
                    new Channels(byEmail.getValue(), on)));
        }
        if (settings.lists().isEmpty()) {
            Span none = new Span("You subscribe to no list yet; an admin adds you under Lists.");
            none.getStyle().set("grid-column", "1 / -1");
            choices.add(none);
        }
        Span bell = new Span("The bell in the top bar counts them");
        bell.addClassName("parley-hint");
        row("Mentions", mentionEmail, bell);
        mentionEmail.setValue(settings.mentionEmail());

        boolean canEmail = settings.canEmail();
        myInboxEmail.setEnabled(canEmail);
        mentionEmail.setEnabled(canEmail);
        listEmail.values().forEach(box -> box.setEnabled(canEmail));
    }

    private void row(String label, Component byEmail, Component byDesktop) {
        choices.add(new Span(label), byEmail, byDesktop);
    }

    /** Saves what the staff member ticked (changes the page makes itself are not saved again). */
    private void saveOnTick(Checkbox box, Consumer<Boolean> save) {
        box.addValueChangeListener(change -> {
            if (!change.isFromClient()) {
                return;
            }
            try {
                save.accept(change.getValue());
                say("Saved.", false);
            } catch (IllegalArgumentException refused) {
                box.setValue(change.getOldValue());
                say(refused.getMessage(), true);
            }
        });
    }

    private void saveEmail() {
        try {
            directory.setEmail(me.username(), me.id(), email.getValue());
            show(preferences.of(me));
            say(email.getValue().isBlank() ? "E-mail address removed." : "E-mail address saved.", false);
        } catch (IllegalArgumentException refused) {
            say(refused.getMessage(), true);
        }
    }

    private void say(String text, boolean error) {
        message.setText(text);
        message.getElement().getClassList().set("parley-error", error);
    }

    @Override
    protected void onAttach(AttachEvent event) {
        getElement().executeJs(WIRE_PERMISSION_BUTTON, enableDesktop.getElement());
    }

    /** What the browser answered about pop-ups: granted, denied, default (not asked yet), insecure or unsupported. */
    @ClientCallable
    void desktopPermission(String permission) {
        String state = permission == null ? "" : permission;
        desktopState.setText(switch (state) {
            case "granted" -> "Pop-ups are allowed in this browser.";
            case "denied" -> "This browser blocks Parley's pop-ups: allow them in the site settings (the icon left of "
                    + "the address).";
            case "insecure" -> "Browsers show pop-ups only for Parley over https (or on localhost): ask IT.";
            case "unsupported" -> "This browser cannot show pop-ups.";
            default -> "Pop-ups are not allowed yet: click the button and allow them.";
        });
        enableDesktop.setEnabled("default".equals(state) || "denied".equals(state));
    }
}

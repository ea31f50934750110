package org.parley.security.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.EmailField;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.parley.security.EmergencyAccess;
import org.parley.security.Permission;
import org.parley.security.Permissions;
import org.parley.security.Role;
import org.parley.security.StaffAccount;
import org.parley.security.StaffDirectory;
import org.parley.security.TwoFactor;
import org.parley.security.web.CurrentStaff;

/**
 * Admins manage staff accounts: create named accounts, reset passwords, change roles, set the address notification
 * e-mails go to, deactivate (never delete: history keeps its authors), unlock accounts locked after failed logins,
 * reset a lost two-factor sign-in, grant or end emergency access (admin rights for a few hours, with a reason), and
 * let a staff member, or every staff member, send broadcasts ({@link Permission#SEND_BROADCASTS}).
 */
@Route("admin/users")
@PageTitle("Users | Parley")
@Menu(title = "Users", order = 89)
@RolesAllowed("ADMIN")
class UsersView extends VerticalLayout {

    private final StaffDirectory directory;
    private final TwoFactor twoFactor;
    private final EmergencyAccess emergencyAccess;
    private final CurrentStaff currentStaff;
    private final Permissions permissions;
    final Grid<StaffAccount> grid = new Grid<>();
    /** Every staff member may send broadcasts (the STAFF role's grant). */
    final Checkbox staffSendBroadcasts =
            new Checkbox("Every staff member may send broadcasts");
    /** The accounts granted broadcasts one by one, read again when the grid is. */
    private Set<Long> broadcasters = Set.of();
    /** The chosen account's tools: activation, role, password, e-mail, unlock, emergency access, two-factor. */
    final Div tools = new Div();
    /** The tools' row, for the account shown in {@link #tools}. */
    HorizontalLayout actions;
    final TextField username = new TextField("User name");
    final TextField displayName = new TextField("Name");
    final PasswordField password = new PasswordField("First password");
    final ComboBox<Role> role = new ComboBox<>("Role");
    final EmailField email = new EmailField("E-mail (for notifications)");
    final Span message = new Span();

    UsersView(StaffDirectory directory, TwoFactor twoFactor, EmergencyAccess emergencyAccess,
              CurrentStaff currentStaff, Permissions permissions) {
        this.permissions = permissions;
        this.directory = directory;
        this.twoFactor = twoFactor;
        this.emergencyAccess = emergencyAccess;
        this.currentStaff = currentStaff;
        setSizeFull();
        grid.setId("users");
        grid.addColumn(StaffAccount::username).setHeader("User name").setAutoWidth(true);
        grid.addColumn(StaffAccount::displayName).setHeader("Name").setAutoWidth(true);
        // Who may send broadcasts shows in the role's cell: a column of its own made the grid wider than a laptop's page.
        grid.addColumn(a -> a.role() == Role.STAFF && (staffSendBroadcasts.getValue()
                        || broadcasters.contains(a.id())) ? "STAFF, broadcasts" : a.role().name())
                .setHeader("Role").setAutoWidth(true);
        grid.addColumn(a -> !a.active() ? "deactivated" : a.locked() ? "locked" : "active").setHeader("State")
                .setAutoWidth(true);
        grid.addColumn(a -> a.email() == null ? "" : a.email()).setHeader("E-mail").setAutoWidth(true);
        grid.addColumn(a -> a.twoFactor() ? "on" : "off").setHeader("Two-factor").setKey("two-factor")
                .setAutoWidth(true);
        grid.addColumn(a -> a.emergency() == null ? "" : "admin until " + UNTIL.format(
                        a.emergency().expiresAt().atZone(ZoneId.systemDefault())) + " — "
                        + a.emergency().reason() + " (" + a.emergency().grantedBy() + ")")
                .setHeader("Emergency access").setKey("emergency").setAutoWidth(true);
        // Per-account tools open below the grid for the chosen row: inline they made the grid wider than the page.
        grid.asSingleSelect().addValueChangeListener(e -> showTools(e.getValue()));
        tools.setId("user-tools");
        tools.addClassName("user-tools");
        tools.setVisible(false);
        grid.setItems(query -> {
            if (query.getOffset() == 0) {
                broadcasters = permissions.accountsGranted(Permission.SEND_BROADCASTS);
            }
            return directory.accounts(query.getOffset(), query.getLimit()).stream();
        });
        staffSendBroadcasts.setId("staff-send-broadcasts");
        staffSendBroadcasts.setValue(permissions.rolesGranted(Permission.SEND_BROADCASTS).contains(Role.STAFF));
        staffSendBroadcasts.setHelperText("Admins always may. Or choose an account and allow it alone.");
        staffSendBroadcasts.addValueChangeListener(e -> {
            try {
                if (e.getValue()) {
                    permissions.grantToRole(me(), Role.STAFF, Permission.SEND_BROADCASTS);
                    show("Every staff member may send broadcasts.", false);
                } else {
                    permissions.revokeFromRole(me(), Role.STAFF, Permission.SEND_BROADCASTS);
                    show("Staff send broadcasts only where allowed one by one.", false);
                }
                grid.getDataProvider().refreshAll();
            } catch (IllegalArgumentException refused) {
                show(refused.getMessage(), true);
            }
        });
        username.setId("user-username");
        displayName.setId("user-name");
        password.setId("user-password");
        password.setHelperText("At least " + StaffDirectory.MIN_PASSWORD_LENGTH + " characters, not a common one");
        role.setId("user-role");
        role.setItems(Role.values());
        role.setValue(Role.STAFF);
        email.setId("user-email");
        email.setHelperText("Optional; staff can also set their own under Notifications");
        message.setId("users-message");
        Button create = new Button("Create account", e -> {
            try {
                directory.createAccount(me(), username.getValue(), displayName.getValue(), password.getValue(),
                        role.getValue(), email.getValue());
                show("Account '" + username.getValue().trim().toLowerCase() + "' created.", false);
                username.clear();
                displayName.clear();
                password.clear();
                email.clear();
                grid.getDataProvider().refreshAll();
            } catch (IllegalArgumentException invalid) {
                show(invalid.getMessage(), true);
            }
        });
        create.setId("create-user");
        create.addThemeVariants(ButtonVariant.PRIMARY);
        add(new H2("Users"), new Paragraph("Choose an account to change it."), grid,
                tools, message, staffSendBroadcasts, new H3("New account"),
                new FormLayout(username, displayName, password, role, email), create);
    }

    private static final DateTimeFormatter UNTIL =
            DateTimeFormatter.ofPattern("MMM d, HH:mm");

    /** Shows the tools of an account (chosen in the grid), or hides them. */
    HorizontalLayout showTools(StaffAccount account) {
        tools.removeAll();
        tools.setVisible(account != null);
        actions = null;
        if (account != null) {
            actions = actions(account);
            actions.setWrap(true);
            tools.add(new H3(account.displayName() + " (" + account.username() + ")"), actions);
        }
        return actions;
    }

    private HorizontalLayout actions(StaffAccount account) {
        Button active = new Button(account.active() ? "Deactivate" : "Reactivate",
                e -> act(() -> directory.setActive(me(), account.id(), !account.active()),
                        account.username() + (account.active() ? " deactivated." : " reactivated.")));
        active.setId("toggle-active-" + account.username());
        Role other = account.role() == Role.ADMIN ? Role.STAFF : Role.ADMIN;
        Button makeRole = new Button("Make " + other.name().toLowerCase(),
                e -> act(() -> directory.setRole(me(), account.id(), other), account.username() + " is now " + other + "."));
        makeRole.setId("toggle-role-" + account.username());
        PasswordField newPassword = new PasswordField();
        newPassword.setPlaceholder("New password");
        newPassword.setId("new-password-" + account.username());
        Button reset = new Button("Reset password",
                e -> act(() -> directory.resetPassword(me(), account.id(), newPassword.getValue()),
                        "Password of " + account.username() + " reset."));
        reset.setId("reset-password-" + account.username());
        EmailField newEmail = new EmailField();
        newEmail.setPlaceholder("E-mail");
        newEmail.setValue(account.email() == null ? "" : account.email());
        newEmail.setId("email-" + account.username());
        Button saveEmail = new Button("Save e-mail",
                e -> act(() -> directory.setEmail(me(), account.id(), newEmail.getValue()),
                        "E-mail of " + account.username() + " saved."));
        saveEmail.setId("save-email-" + account.username());
        HorizontalLayout row = new HorizontalLayout(active, makeRole, newPassword, reset, newEmail, saveEmail);
        if (account.locked()) {
            Button unlock = new Button("Unlock", e -> act(() -> directory.unlock(me(), account.id()),
                    account.username() + " unlocked."));
            unlock.setId("unlock-" + account.username());
            row.add(unlock);
        }
        if (account.emergency() != null) {
            Button end = new Button("End emergency access", e -> act(() -> emergencyAccess.revoke(me(), account.id()),
                    "Emergency access of " + account.username() + " ended."));
            end.setId("revoke-emergency-" + account.username());
            end.addThemeVariants(ButtonVariant.TERTIARY, ButtonVariant.SMALL, ButtonVariant.ERROR);
            row.add(end);
        } else if (account.role() == Role.STAFF && account.active()) {
            Button grant = new Button("Emergency access…", e -> openEmergencyDialog(account));
            grant.setId("emergency-" + account.username());
            grant.addThemeVariants(ButtonVariant.TERTIARY, ButtonVariant.SMALL);
            row.add(grant);
        }
        if (account.role() == Role.STAFF && account.active()) {
            boolean allowed = broadcasters.contains(account.id());
            Button broadcasts = new Button(allowed ? "Stop broadcasts" : "Allow broadcasts", e -> act(() -> {
                if (allowed) {
                    permissions.revoke(me(), account.id(), Permission.SEND_BROADCASTS);
                } else {
                    permissions.grant(me(), account.id(), Permission.SEND_BROADCASTS);
                }
                broadcasters = permissions.accountsGranted(Permission.SEND_BROADCASTS);
            }, allowed ? account.username() + " no longer sends broadcasts" + (staffSendBroadcasts.getValue()
                    ? " on their own (every staff member still may)." : ".")
                    : account.username() + " may send broadcasts."));
            broadcasts.setId("broadcasts-" + account.username());
            broadcasts.addThemeVariants(ButtonVariant.TERTIARY, ButtonVariant.SMALL);
            row.add(broadcasts);
        }
        if (account.twoFactor()) {
            Button resetTwoFactor = new Button("Reset two-factor", e -> act(() -> twoFactor.reset(me(), account.id()),
                    "Two-factor sign-in of " + account.username() + " reset: they set it up again at their next "
                            + "sign-in."));
            resetTwoFactor.setId("reset-2fa-" + account.username());
            resetTwoFactor.addThemeVariants(ButtonVariant.TERTIARY, ButtonVariant.SMALL);
            row.add(resetTwoFactor);
        }
        for (Button button : new Button[] {active, makeRole, reset, saveEmail}) {
            button.addThemeVariants(ButtonVariant.TERTIARY, ButtonVariant.SMALL);
        }
        return row;
    }

    /** Emergency access for one account: why, and for how long (it ends by itself). */
    EmergencyDialog openEmergencyDialog(StaffAccount account) {
        EmergencyDialog dialog = new EmergencyDialog(account.username(), (reason, duration) -> {
            emergencyAccess.grant(me(), account.id(), reason, duration);
            show(account.username() + " has admin rights until it ends or you end it.", false);
            grid.getDataProvider().refreshAll();
        });
        dialog.open();
        return dialog;
    }

    private void act(Runnable change, String done) {
        try {
            change.run();
            show(done, false);
            StaffAccount chosen = grid.asSingleSelect().getValue();
            grid.getDataProvider().refreshAll();
            if (chosen != null) {
                // The tools follow what changed (e.g. "Reactivate" after "Deactivate").
                showTools(fresh(chosen.id()));
            }
        } catch (IllegalArgumentException refused) {
            show(refused.getMessage(), true);
        }
    }

    /** The account as it is now, looked up page by page. */
    private StaffAccount fresh(long id) {
        for (int offset = 0; ; offset += 100) {
            List<StaffAccount> page = directory.accounts(offset, 100);
            Optional<StaffAccount> found = page.stream().filter(a -> a.id() == id).findFirst();
            if (found.isPresent() || page.size() < 100) {
                return found.orElse(null);
            }
        }
    }

    private void show(String text, boolean error) {
        message.setText(text);
        message.getElement().getClassList().set("parley-error", error);
    }

    private String me() {
        return currentStaff.get().username();
    }
}

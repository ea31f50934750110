package org.parley.base.ui;

import com.vaadin.flow.component.applayout.AppLayout;
import com.vaadin.flow.component.applayout.DrawerToggle;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.sidenav.SideNav;
import com.vaadin.flow.component.sidenav.SideNavItem;
import com.vaadin.flow.router.Layout;
import com.vaadin.flow.server.menu.MenuConfiguration;
import com.vaadin.flow.server.menu.MenuEntry;
import jakarta.annotation.security.RolesAllowed;
import java.util.Arrays;
import java.util.List;
import org.parley.security.StaffMember;
import org.parley.security.web.CurrentStaff;

/**
 * The frame around every signed-in page: the navigation drawn from the views the user may open, the pages of daily
 * work first, the admin pages grouped under "Administration".
 */
@Layout
// STAFF or ADMIN, not just any login: a session whose account lost its role sees nothing here.
@RolesAllowed({"STAFF", "ADMIN"})
class MainLayout extends AppLayout {

    final SideNav work = new SideNav();
    final SideNav administration = new SideNav("Administration");

    MainLayout(CurrentStaff currentStaff, List<NavbarItem> items, List<MenuBadge> badges) {
        StaffMember me = currentStaff.get();
        Span title = new Span("Parley");
        title.addClassName("parley-brand");
        Span who = new Span(me.displayName());
        who.setId("current-staff");
        Button logout = new Button("Log out", VaadinIcon.SIGN_OUT.create(), e -> currentStaff.logout());
        logout.setId("logout");
        logout.addThemeVariants(ButtonVariant.TERTIARY);
        HorizontalLayout header = new HorizontalLayout(new DrawerToggle(), title);
        items.forEach(item -> header.add(item.create()));
        header.add(who, logout);
        header.setWidthFull();
        header.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.CENTER);
        header.expand(title);
        header.addClassName("parley-header");
        addToNavbar(header);

        work.setId("menu-work");
        administration.setId("menu-administration");
        administration.setCollapsible(true);
        administration.addClassName("menu-administration");
        for (MenuEntry entry : MenuConfiguration.getMenuEntries()) {
            SideNavItem item = new SideNavItem(entry.title(), entry.path());
            badges.stream().filter(b -> b.view().equals(entry.menuClass()))
                    .forEach(b -> item.setSuffixComponent(b.create()));
            (forAdmins(entry) ? administration : work).addItem(item);
        }
        administration.setVisible(!administration.getItems().isEmpty());
        addToDrawer(work, administration);
    }

    /** Whether a menu entry's view is for admins only. */
    private static boolean forAdmins(MenuEntry entry) {
        RolesAllowed roles = entry.menuClass() == null ? null : entry.menuClass().getAnnotation(RolesAllowed.class);
        return roles != null && Arrays.asList(roles.value()).equals(List.of("ADMIN"));
    }
}

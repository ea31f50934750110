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
import jakarta.annotation.security.PermitAll;
import org.parley.security.CurrentStaff;
import org.parley.security.StaffMember;

/** The frame around every signed-in page: the navigation drawn from the views the user may open. */
@Layout
@PermitAll
class MainLayout extends AppLayout {

    MainLayout(CurrentStaff currentStaff, java.util.List<NavbarItem> items) {
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

        SideNav nav = new SideNav();
        MenuConfiguration.getMenuEntries().forEach(entry ->
                nav.addItem(new SideNavItem(entry.title(), entry.path())));
        addToDrawer(nav);
    }
}

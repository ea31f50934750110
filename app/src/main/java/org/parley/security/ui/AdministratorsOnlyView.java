package org.parley.security.ui;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import org.parley.security.web.StaffAccess;

/**
 * Where an open admin page goes when its person is no longer an admin (demoted, emergency access ended): it says so
 * and shows nothing else. Without the page frame and open to anyone, so the tab can be sent here from a pushed
 * update, which carries no request to check a login against.
 */
@Route(value = StaffAccess.ADMINS_ONLY_PAGE, autoLayout = false)
@PageTitle("Administrators only | Parley")
@AnonymousAllowed
class AdministratorsOnlyView extends VerticalLayout {

    AdministratorsOnlyView() {
        setId("administrators-only");
        add(new H2("This page is for administrators only"),
                new Paragraph("Your account is no longer an administrator, so the page you had open was closed."),
                new Anchor("inbox", "Back to the inbox"));
    }
}

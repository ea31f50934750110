package org.parley.base.ui;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.AccessDeniedException;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.ErrorParameter;
import com.vaadin.flow.router.HasErrorParameter;
import com.vaadin.flow.router.ParentLayout;
import jakarta.servlet.http.HttpServletResponse;

/**
 * What a signed-in staff member sees on a page they may not open (an admin page's link): that it needs an
 * administrator, instead of Vaadin's "Could not navigate to ...". Package-private like the views (Vaadin's Spring
 * integration finds it; Karibu's own denial stays in browserless tests).
 */
@ParentLayout(MainLayout.class)
class NeedsAdminView extends VerticalLayout implements HasErrorParameter<AccessDeniedException> {

    @Override
    public int setErrorParameter(BeforeEnterEvent event, ErrorParameter<AccessDeniedException> parameter) {
        removeAll();
        setId("needs-admin");
        add(new H2("This page is for administrators"),
                new Paragraph("Your account cannot open it. If something here needs changing, ask an administrator "
                        + "of your practice."),
                new Anchor("inbox", "Back to the inbox"));
        return HttpServletResponse.SC_FORBIDDEN;
    }
}

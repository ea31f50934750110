package org.parley.getstarted.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.OrderedList;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import java.util.List;
import org.parley.getstarted.GetStarted;
import org.parley.security.web.CurrentStaff;

/**
 * A new practice's checklist for admins: each step says whether the data shows it done and links to its page; the
 * line's step lists the webhook URLs to paste. Dismissed for the whole practice with one button.
 */
@Route("get-started")
@PageTitle("Get started | Parley")
@Menu(title = "Get started", order = 83)
@RolesAllowed("ADMIN")
class GetStartedView extends VerticalLayout {

    final OrderedList steps = new OrderedList();
    final Span progress = new Span();
    final Button dismiss = new Button("Dismiss this checklist");
    final Span dismissed = new Span();

    GetStartedView(GetStarted getStarted, CurrentStaff currentStaff) {
        List<GetStarted.Step> all = getStarted.steps();
        long done = all.stream().filter(GetStarted.Step::done).count();
        progress.setId("get-started-progress");
        progress.setText(done == all.size() ? "All " + all.size() + " steps are done."
                : done + " of " + all.size() + " steps done.");
        for (GetStarted.Step step : all) {
            ListItem item = new ListItem();
            item.setId("get-started-" + step.id());
            Span state = new Span(step.done() ? "Done" : "To do");
            state.addClassName(step.done() ? "parley-step-done" : "parley-step-todo");
            state.getElement().setAttribute("theme", step.done() ? "badge success" : "badge contrast");
            item.add(new H3(step.title()), state, new Paragraph(step.help()),
                    new Anchor(step.route(), step.done() ? "Open " + pageName(step) : "Do it now: " + pageName(step)));
            if (step.id().equals("line")) {
                Div urls = new Div();
                for (GetStarted.WebhookUrl url : getStarted.webhookUrls()) {
                    TextField field = new TextField(url.lineName() + ": " + url.event());
                    field.setValue(url.url());
                    field.setReadOnly(true);
                    field.setWidthFull();
                    field.addClassName("webhook-url");
                    urls.add(field);
                }
                item.add(urls);
            }
            steps.add(item);
        }
        dismiss.setId("get-started-dismiss");
        dismissed.setId("get-started-dismissed");
        if (getStarted.dismissed()) {
            dismiss.setEnabled(false);
            dismissed.setText("Dismissed: admins land on the inbox. This page stays in the menu.");
        }
        dismiss.addClickListener(e -> {
            getStarted.dismiss(currentStaff.get().username());
            dismiss.setEnabled(false);
            dismissed.setText("Dismissed: admins land on the inbox. This page stays in the menu.");
        });
        add(new H2("Get started"), new Paragraph("What a new practice sets up before the first patient writes. "
                + "Each step shows done once Parley's data says so."), progress, steps, dismiss, dismissed);
    }

    private static String pageName(GetStarted.Step step) {
        return switch (step.route()) {
            case "admin/practice" -> "Practice";
            case "admin/users" -> "Users";
            case "admin/lists" -> "Lists";
            case "admin/lines" -> "Lines";
            case "admin/templates" -> "Templates";
            case "patients" -> "Patients";
            case "patient-phone" -> "Patient phone";
            default -> step.route();
        };
    }
}

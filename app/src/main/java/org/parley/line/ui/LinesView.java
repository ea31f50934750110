package org.parley.line.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import java.util.Map;
import java.util.Optional;
import org.parley.line.KeywordReplies;
import org.parley.line.LineGateway;
import org.parley.line.LineService;
import org.parley.line.LineSnapshot;
import org.parley.plugin.ConnectionCheck;
import org.parley.plugin.MessagingProvider;
import org.parley.plugin.ProviderDescriptor;
import org.parley.provider.ProviderRegistry;
import org.parley.provider.ui.SettingsForm;
import org.parley.security.web.CurrentStaff;

/**
 * Admins add and edit lines. The settings form is drawn from the provider plugin's descriptor; secrets are
 * masked and never shown again. Each line shows the webhook URLs to paste into the provider's console.
 */
@Route("admin/lines")
@PageTitle("Lines | Parley")
@Menu(title = "Lines", order = 90)
@RolesAllowed("ADMIN")
class LinesView extends VerticalLayout {

    private final LineService lines;
    private final LineGateway gateway;
    private final ProviderRegistry providers;
    private final CurrentStaff currentStaff;
    final Grid<LineSnapshot> grid = new Grid<>();
    final Div editor = new Div();
    final Span error = new Span();

    LinesView(LineService lines, LineGateway gateway, ProviderRegistry providers, CurrentStaff currentStaff) {
        this.lines = lines;
        this.gateway = gateway;
        this.providers = providers;
        this.currentStaff = currentStaff;
        grid.setId("lines");
        grid.addColumn(LineSnapshot::id).setHeader("Id").setAutoWidth(true);
        grid.addColumn(LineSnapshot::name).setHeader("Name").setAutoWidth(true);
        grid.addColumn(LineSnapshot::number).setHeader("Number").setAutoWidth(true);
        grid.addColumn(LineSnapshot::providerId).setHeader("Provider").setAutoWidth(true);
        grid.setAllRowsVisible(true);
        grid.asSingleSelect().addValueChangeListener(e -> edit(e.getValue()));
        Button add = new Button("Add line", e -> edit(null));
        add.setId("add-line");
        error.addClassName("parley-error");
        error.setId("line-error");
        add(new H2("Lines"), grid, add, editor);
        grid.setItems(lines.all());
    }

    private void edit(LineSnapshot line) {
        editor.removeAll();
        error.setText("");
        TextField id = new TextField("Id (in webhook URLs)");
        id.setId("line-id");
        TextField name = new TextField("Name");
        TextField number = new TextField("Number (international format)");
        number.setId("line-number");
        ComboBox<String> provider = new ComboBox<>("Provider");
        provider.setId("line-provider");
        provider.setItems(providers.providers().stream().map(p -> p.descriptor().id()).toList());
        ComboBox<KeywordReplies> keywordReplies = new ComboBox<>("STOP, START and HELP are confirmed by");
        keywordReplies.setId("line-keyword-replies");
        keywordReplies.setItems(KeywordReplies.values());
        keywordReplies.setItemLabelGenerator(k -> k == KeywordReplies.PARLEY
                ? "Parley" : "the provider (its own opt-out replies are on)");
        keywordReplies.setValue(KeywordReplies.PARLEY);
        keywordReplies.setHelperText("Exactly one of them must reply, so the patient gets one confirmation.");
        TextField helpText = new TextField("Answer to HELP");
        helpText.setId("line-help-text");
        helpText.setPlaceholder("Parley's default: how to reach the team, 911 for emergencies, STOP to opt out");
        helpText.setMaxLength(320);
        FormLayout form = new FormLayout(id, name, number, provider, keywordReplies, helpText);
        Div settings = new Div();
        provider.addValueChangeListener(e -> drawSettings(e.getValue(), line, settings));
        if (line != null) {
            id.setValue(line.id());
            id.setReadOnly(true);
            name.setValue(line.name());
            number.setValue(line.number());
            provider.setValue(line.providerId());
            keywordReplies.setValue(line.keywordReplies());
            helpText.setValue(line.helpText() == null ? "" : line.helpText());
        }
        Button save = new Button("Save line", e -> {
            Map<String, String> values = settings.getChildren().filter(SettingsForm.class::isInstance)
                    .map(drawn -> ((SettingsForm) drawn).values()).findFirst().orElse(Map.of());
            try {
                LineSnapshot saved = lines.save(currentStaff.get().username(),
                        new LineSnapshot(id.getValue(), name.getValue(), number.getValue(), provider.getValue(), values,
                                keywordReplies.getValue(), helpText.getValue()));
                grid.setItems(lines.all());
                edit(saved);
            } catch (IllegalArgumentException ex) {
                error.setText(ex.getMessage());
            }
        });
        save.setId("save-line");
        save.addThemeVariants(ButtonVariant.PRIMARY);
        editor.add(new H3(line == null ? "New line" : "Line " + line.id()), form, settings, error, save);
        if (line != null) {
            Span result = new Span();
            result.setId("connection-result");
            Button test = new Button("Test connection", e -> {
                ConnectionCheck check = gateway.testConnection(line.id());
                result.setText((check.ok() ? "Connected: " : "Failed: ") + check.message());
                result.getElement().getClassList().set("parley-error", !check.ok());
            });
            test.setId("test-connection");
            editor.add(new HorizontalLayout(test, result));
            editor.add(webhooks(line));
        }
    }

    private void drawSettings(String providerId, LineSnapshot line, Div into) {
        into.removeAll();
        Optional<ProviderDescriptor> descriptor = providers.provider(providerId).map(MessagingProvider::descriptor);
        descriptor.ifPresent(d -> into.add(new SettingsForm(d.helpText(), d.properties(),
                line == null ? Map.of() : line.settings())));
    }

    private VerticalLayout webhooks(LineSnapshot line) {
        VerticalLayout box = new VerticalLayout();
        box.setPadding(false);
        box.add(new H3("Webhook URLs for the provider's console"));
        providers.provider(line.providerId()).ifPresent(p -> p.descriptor().webhookEvents().forEach(event -> {
            TextField url = new TextField(event);
            url.setValue(gateway.webhookUrl(line.id(), event).toString());
            url.setReadOnly(true);
            url.setWidthFull();
            url.addClassName("webhook-url");
            box.add(url);
        }));
        return box;
    }
}

package org.parley.provider.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasValueAndElement;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.parley.plugin.ConfigProperty;

/**
 * A plugin's settings form, drawn from the {@link ConfigProperty} list of its descriptor, so any provider or chart
 * exporter gets a form without plugin-specific code. Secrets are masked and never shown again: a stored one shows
 * only that it is stored, and left blank it is kept (see {@link org.parley.provider.PluginSettings}).
 */
public class SettingsForm extends Div {

    private final Map<String, HasValueAndElement<?, ?>> fields = new LinkedHashMap<>();

    /**
     * @param helpText   the plugin's help text, shown above the fields
     * @param properties the settings the plugin declares, in form order
     * @param stored     the values stored now (secrets are never put into a field)
     */
    public SettingsForm(String helpText, List<ConfigProperty> properties, Map<String, String> stored) {
        addClassName("plugin-settings");
        if (helpText != null && !helpText.isBlank()) {
            add(new Paragraph(helpText));
        }
        FormLayout form = new FormLayout();
        for (ConfigProperty property : properties) {
            HasValueAndElement<?, ?> field = field(property, stored);
            field.setRequiredIndicatorVisible(property.required() && !property.generatedIfBlank()
                    && property.defaultValue() == null);
            field.getElement().setAttribute("data-setting", property.name());
            fields.put(property.name(), field);
            form.add((Component) field);
        }
        add(form);
    }

    private static HasValueAndElement<?, ?> field(ConfigProperty property, Map<String, String> stored) {
        String value = stored.get(property.name());
        switch (property.type()) {
            case SECRET -> {
                PasswordField secret = new PasswordField(property.label());
                secret.setRevealButtonVisible(false);
                secret.setPlaceholder(value != null ? "•••••• stored; type to replace"
                        : property.generatedIfBlank() ? "leave blank to generate" : "");
                secret.setHelperText(property.helpText());
                return secret;
            }
            case BOOLEAN -> {
                Checkbox box = new Checkbox(property.label());
                box.setValue(Boolean.parseBoolean(value != null ? value : property.defaultValue()));
                box.setTooltipText(property.helpText());
                return box;
            }
            default -> {
                TextField text = new TextField(property.label());
                text.setHelperText(property.helpText());
                text.setValue(value == null ? "" : value);
                if (property.defaultValue() != null) {
                    text.setPlaceholder(property.defaultValue());
                }
                return text;
            }
        }
    }

    /** What the admin typed, by setting name; blank secrets are blank here and kept by the service. */
    public Map<String, String> values() {
        Map<String, String> values = new HashMap<>();
        fields.forEach((name, field) -> {
            Object value = field.getValue();
            values.put(name, value == null ? "" : value.toString());
        });
        return values;
    }
}

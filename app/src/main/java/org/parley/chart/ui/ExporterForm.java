package org.parley.chart.ui;

import com.vaadin.flow.component.ComponentEvent;
import com.vaadin.flow.component.ComponentEventListener;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.shared.Registration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.parley.chart.ConfiguredExporter;
import org.parley.plugin.ExporterDescriptor;
import org.parley.provider.ui.SettingsForm;

/**
 * A configured chart exporter as a form: its id, name, plugin, whether it is the default and enabled, and the
 * plugin's settings drawn from its descriptor. It fires {@link SaveEvent}; its owner saves.
 */
class ExporterForm extends VerticalLayout {

    /** The admin saved the form. */
    static class SaveEvent extends ComponentEvent<ExporterForm> {

        private final ConfiguredExporter exporter;

        SaveEvent(ExporterForm form, ConfiguredExporter exporter) {
            super(form, false);
            this.exporter = exporter;
        }

        ConfiguredExporter exporter() {
            return exporter;
        }
    }

    final TextField id = new TextField("Id");
    final TextField name = new TextField("Name staff see");
    final ComboBox<ExporterDescriptor> plugin = new ComboBox<>("Exporter plugin");
    final Checkbox isDefault = new Checkbox("Default: preselected when staff copy to chart");
    final Checkbox enabled = new Checkbox("Enabled: staff can send to it");
    final Div settings = new Div();
    final Span error = new Span();
    private SettingsForm settingsForm;

    /**
     * @param exporter    the exporter to edit, or {@code null} for a new one
     * @param descriptors the chart exporter plugins that are loaded
     */
    ExporterForm(ConfiguredExporter exporter, List<ExporterDescriptor> descriptors) {
        setPadding(false);
        id.setId("exporter-id");
        id.setHelperText("Lower-case words joined by dashes, e.g. ehr; exports name it");
        name.setId("exporter-name");
        name.setPlaceholder("e.g. EHR (FHIR)");
        plugin.setId("exporter-plugin");
        plugin.setItems(descriptors);
        plugin.setItemLabelGenerator(d -> d.name() + " (" + d.id() + ")");
        isDefault.setId("exporter-default");
        enabled.setId("exporter-enabled");
        enabled.setValue(true);
        error.setId("exporter-error");
        error.addClassName("parley-error");
        plugin.addValueChangeListener(e -> drawSettings(e.getValue(), exporter));
        if (exporter != null) {
            id.setValue(exporter.id());
            id.setReadOnly(true);
            name.setValue(exporter.name());
            descriptors.stream().filter(d -> d.id().equals(exporter.pluginId())).findFirst()
                    .ifPresentOrElse(plugin::setValue, () -> error.setText("The plugin '" + exporter.pluginId()
                            + "' is not loaded: install or enable it under Plugins to change the settings."));
            isDefault.setValue(exporter.isDefault());
            enabled.setValue(exporter.enabled());
        }
        Button save = new Button("Save exporter", e -> fireEvent(new SaveEvent(this, new ConfiguredExporter(
                id.getValue(), Optional.ofNullable(plugin.getValue()).map(ExporterDescriptor::id)
                        .orElse(exporter == null ? null : exporter.pluginId()),
                name.getValue(), settingsForm == null ? Map.of() : settingsForm.values(), isDefault.getValue(),
                enabled.getValue()))));
        save.setId("save-exporter");
        save.addThemeVariants(ButtonVariant.PRIMARY);
        add(new H3(exporter == null ? "New chart exporter" : "Chart exporter " + exporter.id()),
                new FormLayout(id, name, plugin, isDefault, enabled), settings, error, save);
    }

    private void drawSettings(ExporterDescriptor descriptor, ConfiguredExporter exporter) {
        settings.removeAll();
        settingsForm = null;
        if (descriptor == null) {
            return;
        }
        boolean samePlugin = exporter != null && exporter.pluginId().equals(descriptor.id());
        settingsForm = new SettingsForm(descriptor.helpText(), descriptor.properties(),
                samePlugin ? exporter.settings() : Map.of());
        settings.add(settingsForm);
    }

    void showError(String message) {
        error.setText(message);
    }

    Registration addSaveListener(ComponentEventListener<SaveEvent> listener) {
        return addListener(SaveEvent.class, listener);
    }
}

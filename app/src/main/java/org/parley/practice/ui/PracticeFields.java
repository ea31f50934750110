package org.parley.practice.ui;

import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.textfield.TextField;
import java.time.ZoneId;

/** The practice's name and time zone fields, the same on the Practice page and the first-run page. */
public final class PracticeFields {

    private PracticeFields() {
    }

    /** The practice's name, as patients know it. */
    public static TextField name() {
        TextField name = new TextField("Practice name");
        name.setId("practice-name");
        name.setPlaceholder("e.g. Amboy Family Practice");
        name.setHelperText("Patients read it in automatic answers and templates");
        name.setMaxLength(200);
        name.setWidth("20em");
        return name;
    }

    /** The practice's time zone, searchable by typing, e.g. "New_York"; the server's zone chosen at first. */
    public static ComboBox<String> timeZone() {
        ComboBox<String> zone = new ComboBox<>("Time zone");
        zone.setId("practice-time-zone");
        zone.setItems(ZoneId.getAvailableZoneIds().stream().filter(id -> id.contains("/") && !id.startsWith("Etc/")
                && !id.startsWith("SystemV/")).sorted().toList());
        zone.setValue(ZoneId.systemDefault().getId());
        zone.setWidth("20em");
        return zone;
    }
}

package org.parley.patient.ui;

import com.vaadin.flow.component.ComponentEvent;
import com.vaadin.flow.component.ComponentEventListener;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.shared.Registration;
import java.time.LocalDate;
import java.time.ZoneId;
import org.parley.patient.ContactService;
import org.parley.patient.PatientDetails;

/** A patient's profile as a form. It fires {@link SaveEvent} and {@link CancelEvent}; its owner saves. */
public class PatientForm extends VerticalLayout {

    final TextField firstName = new TextField("First name");
    final TextField lastName = new TextField("Last name");
    final DatePicker dateOfBirth = new DatePicker("Date of birth");
    final TextField cellPhone = new TextField("Cell phone");
    final TextField mrn = new TextField("MRN (the EHR's record number)");
    final TextArea note = new TextArea("Internal note (never sent)");
    final ComboBox<String> timeZone =
            new ComboBox<>("Time zone (if not the practice's)");
    /** The language of the pages Parley shows the patient (secure messages); the page offers the other. */
    final RadioButtonGroup<String> language =
            new RadioButtonGroup<>("Language of secure message pages");
    final Span error = new Span();
    final Button save = new Button("Save patient");
    final Button cancel = new Button("Cancel");

    /** Saving was asked for, with the entered details. */
    public static class SaveEvent extends ComponentEvent<PatientForm> {
        private final PatientDetails details;
        private final String language;

        SaveEvent(PatientForm form, PatientDetails details, String language) {
            super(form, false);
            this.details = details;
            this.language = language;
        }

        /** The language chosen for the patient's pages: "en" or "es". */
        public String language() {
            return language;
        }

        /** What was entered. */
        public PatientDetails details() {
            return details;
        }
    }

    /** The form was closed without saving. */
    public static class CancelEvent extends ComponentEvent<PatientForm> {
        CancelEvent(PatientForm form) {
            super(form, false);
        }
    }

    /** An empty form, or one filled with {@code details}. */
    public PatientForm(PatientDetails details) {
        setPadding(false);
        firstName.setId("patient-first-name");
        lastName.setId("patient-last-name");
        dateOfBirth.setId("patient-dob");
        dateOfBirth.setMax(LocalDate.now());
        cellPhone.setId("patient-cell");
        cellPhone.setHelperText("Any format, e.g. (929) 203-8684. Leave blank if the patient has no cell phone.");
        mrn.setId("patient-mrn");
        note.setId("patient-note");
        timeZone.setId("patient-time-zone");
        timeZone.setItems(ZoneId.getAvailableZoneIds().stream().filter(z -> z.contains("/")
                && !z.startsWith("Etc/") && !z.startsWith("SystemV/")).sorted().toList());
        timeZone.setClearButtonVisible(true);
        timeZone.setHelperText("Bulk messages reach the patient only within quiet hours in this zone.");
        language.setId("patient-language");
        language.setItems(ContactService.PAGE_LANGUAGES);
        language.setItemLabelGenerator(code -> "es".equals(code) ? "Spanish (Español)" : "English");
        language.setValue("en");
        error.setId("patient-error");
        error.addClassName("parley-error");
        save.setId("patient-save");
        save.addThemeVariants(ButtonVariant.PRIMARY);
        save.addClickListener(e -> fireEvent(new SaveEvent(this, new PatientDetails(firstName.getValue(),
                lastName.getValue(), dateOfBirth.getValue(), cellPhone.getValue(), mrn.getValue(), note.getValue(),
                timeZone.getValue()), language.getValue())));
        cancel.addClickListener(e -> fireEvent(new CancelEvent(this)));
        if (details != null) {
            firstName.setValue(details.firstName());
            lastName.setValue(details.lastName());
            dateOfBirth.setValue(details.dateOfBirth());
            cellPhone.setValue(details.cellPhone() == null ? "" : details.cellPhone());
            mrn.setValue(details.mrn() == null ? "" : details.mrn());
            note.setValue(details.internalNote() == null ? "" : details.internalNote());
            timeZone.setValue(details.timeZone());
        }
        add(new FormLayout(firstName, lastName, dateOfBirth, cellPhone, mrn, timeZone, language, note), error,
                new HorizontalLayout(save, cancel));
    }

    /** Shows the patient's language ("en" or "es"). */
    public void setLanguage(String code) {
        language.setValue("es".equals(code) ? "es" : "en");
    }

    /** Shows why saving was refused. */
    public void showError(String message) {
        error.setText(message);
    }

    /** Listens for saves. */
    public Registration addSaveListener(ComponentEventListener<SaveEvent> listener) {
        return addListener(SaveEvent.class, listener);
    }

    /** Listens for cancels. */
    public Registration addCancelListener(ComponentEventListener<CancelEvent> listener) {
        return addListener(CancelEvent.class, listener);
    }
}

package org.parley.patient.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import java.time.format.DateTimeFormatter;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import org.parley.patient.BirthDatesDifferException;
import org.parley.patient.ContactService;
import org.parley.patient.ContactSummary;
import org.parley.patient.MergePreview;
import org.parley.patient.PatientField;
import org.parley.patient.PatientMerge;
import org.parley.patient.phone.PhoneFormat;
import org.springframework.dao.ConcurrencyFailureException;

/**
 * Merges a duplicate into the patient whose dialog is open: pick the duplicate, choose per field which value
 * survives, merge. Different dates of birth ask a second time.
 */
class MergePatientsDialog extends Dialog {

    /** Which side of the merge a field's value comes from. */
    enum Side {
        SURVIVOR, DUPLICATE
    }

    private static final DateTimeFormatter DOB = DateTimeFormatter.ofPattern("MM/dd/yyyy");

    private final PatientMerge merging;
    private final String actor;
    private final ContactSummary survivor;
    private final Runnable afterMerge;
    final ComboBox<ContactSummary> duplicate = new ComboBox<>("Duplicate to merge into this patient");
    final Div fields = new Div();
    final Map<PatientField, RadioButtonGroup<Side>> choices = new EnumMap<>(PatientField.class);
    final Span error = new Span();
    /** Which cell phone the patient keeps after the merge, and that the other is dropped. */
    final Span numbers = new Span();
    final Button merge = new Button("Merge");
    ConfirmDialog secondConfirmation;
    private MergePreview preview;

    MergePatientsDialog(ContactService contacts, PatientMerge merging, String actor, ContactSummary survivor,
                        Runnable afterMerge) {
        this.merging = merging;
        this.actor = actor;
        this.survivor = survivor;
        this.afterMerge = afterMerge;
        setHeaderTitle("Merge a duplicate into " + survivor.displayName());
        setWidth("52em");
        duplicate.setId("merge-duplicate");
        duplicate.setWidthFull();
        duplicate.setPlaceholder("Name, phone number, date of birth or MRN");
        duplicate.setItemLabelGenerator(MergePatientsDialog::label);
        duplicate.setItems(query -> contacts.searchPatients(query.getFilter().orElse(""), query.getOffset(),
                query.getLimit()).stream());
        duplicate.addValueChangeListener(e -> show(e.getValue()));
        fields.setId("merge-fields");
        fields.getStyle().set("display", "grid").set("grid-template-columns", "max-content 1fr 1fr max-content")
                .set("gap", "var(--lumo-space-s) var(--lumo-space-m)").set("align-items", "center");
        error.setId("merge-error");
        error.addClassName("parley-error");
        merge.setId("merge-confirm");
        merge.addThemeVariants(ButtonVariant.ERROR, ButtonVariant.PRIMARY);
        merge.setEnabled(false);
        merge.addClickListener(e -> merge(false));
        Button cancel = new Button("Cancel", e -> close());
        add(duplicate, new Paragraph("Conversations, messages, notes and files of the duplicate move to this "
                + "patient; where both have a conversation on the same line, the two become one thread. The "
                + "duplicate disappears from every list."), fields, numbers, error);
        numbers.setId("merge-numbers");
        numbers.addClassName("parley-hint");
        getFooter().add(cancel, merge);
    }

    private static String label(ContactSummary patient) {
        return patient.lastName() + ", " + patient.firstName()
                + (patient.dateOfBirth() == null ? "" : " · " + DOB.format(patient.dateOfBirth()))
                + (patient.phoneNumber() == null ? "" : " · " + PhoneFormat.national(patient.phoneNumber()));
    }

    /** Both patients side by side, one choice per field; by default the survivor's value, unless it has none. */
    private void show(ContactSummary picked) {
        fields.removeAll();
        choices.clear();
        error.setText("");
        preview = null;
        merge.setEnabled(false);
        if (picked == null) {
            return;
        }
        try {
            preview = merging.preview(actor, survivor.id(), picked.id());
        } catch (IllegalArgumentException | NoSuchElementException refused) {
            error.setText(refused.getMessage());
            return;
        }
        fields.add(new Span("Field"), new Span("This patient"), new Span("Duplicate"), new Span("Keep"));
        for (PatientField field : PatientField.values()) {
            String kept = preview.survivorValue(field);
            String merged = preview.duplicateValue(field);
            RadioButtonGroup<Side> choice = new RadioButtonGroup<>();
            choice.setId("merge-choice-" + field.name().toLowerCase(Locale.ROOT).replace('_', '-'));
            choice.setItems(Side.values());
            choice.setItemLabelGenerator(side -> side == Side.SURVIVOR ? "This patient's" : "Duplicate's");
            choice.setValue(kept.isBlank() && !merged.isBlank() ? Side.DUPLICATE : Side.SURVIVOR);
            choice.setAriaLabel(field.label());
            choices.put(field, choice);
            fields.add(new Span(field.label()), new Span(kept.isBlank() ? "—" : kept),
                    new Span(merged.isBlank() ? "—" : merged), choice);
        }
        choices.get(PatientField.CELL_PHONE).addValueChangeListener(e -> showNumbers());
        showNumbers();
        merge.setEnabled(true);
    }

    /** Says which cell phone the patient keeps: Parley keeps one per patient, so the other number is dropped. */
    private void showNumbers() {
        String kept = preview.survivorValue(PatientField.CELL_PHONE);
        String merged = preview.duplicateValue(PatientField.CELL_PHONE);
        boolean duplicates = choices.get(PatientField.CELL_PHONE).getValue() == Side.DUPLICATE;
        String keeps = duplicates ? merged : kept;
        String drops = duplicates ? kept : merged;
        if (drops.isBlank() || drops.equals(keeps)) {
            numbers.setText(keeps.isBlank() ? "After the merge the patient has no cell phone on file."
                    : "After the merge the patient's cell phone is " + keeps + ".");
        } else {
            numbers.setText("After the merge the patient's cell phone is " + (keeps.isBlank() ? "none" : keeps)
                    + ". " + drops + " is dropped (a patient has one cell phone in Parley): its texts will arrive "
                    + "as an unknown number, and its conversations stay with this patient.");
        }
    }

    private void merge(boolean differentBirthDatesConfirmed) {
        if (preview == null) {
            return;
        }
        Set<PatientField> fromDuplicate = EnumSet.noneOf(PatientField.class);
        choices.forEach((field, choice) -> {
            if (choice.getValue() == Side.DUPLICATE) {
                fromDuplicate.add(field);
            }
        });
        try {
            merging.merge(actor, preview.survivorId(), preview.duplicateId(), fromDuplicate,
                    differentBirthDatesConfirmed);
            close();
            afterMerge.run();
        } catch (BirthDatesDifferException differ) {
            secondConfirmation = new ConfirmDialog("Different dates of birth",
                    "This patient was born " + preview.survivorValue(PatientField.DATE_OF_BIRTH)
                            + ", the duplicate " + preview.duplicateValue(PatientField.DATE_OF_BIRTH)
                            + ". Merge only if they are the same person.", "Merge anyway", yes -> merge(true));
            secondConfirmation.setCancelable(true);
            secondConfirmation.setConfirmButtonTheme("error primary");
            secondConfirmation.open();
        } catch (IllegalArgumentException | IllegalStateException | NoSuchElementException refused) {
            error.setText(refused.getMessage());
        } catch (ConcurrencyFailureException changedMeanwhile) {
            error.setText("One of the patients was changed meanwhile. Close this dialog and try again.");
        }
    }
}

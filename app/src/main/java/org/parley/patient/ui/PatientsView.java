package org.parley.patient.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.PermitAll;
import java.time.format.DateTimeFormatter;
import org.parley.patient.ContactService;
import org.parley.patient.ContactSummary;
import org.parley.patient.NumberInUseException;
import org.parley.patient.PatientDetails;
import org.parley.patient.PhoneFormat;
import org.parley.security.CurrentStaff;

/** The practice's patients: a lazy, paged list searchable by name, number, date of birth or MRN. */
@Route("patients")
@PageTitle("Patients | Parley")
@Menu(title = "Patients", order = 10)
@PermitAll
class PatientsView extends VerticalLayout {

    private static final DateTimeFormatter DOB = DateTimeFormatter.ofPattern("MM/dd/yyyy");

    private final ContactService contacts;
    private final CurrentStaff currentStaff;
    private final org.parley.patient.PatientMerge merging;
    final TextField search = new TextField();
    final Grid<ContactSummary> grid = new Grid<>();
    Dialog dialog;
    PatientForm form;
    com.vaadin.flow.component.confirmdialog.ConfirmDialog confirmation;
    MergePatientsDialog mergeDialog;

    PatientsView(ContactService contacts, CurrentStaff currentStaff, org.parley.patient.PatientMerge merging) {
        this.contacts = contacts;
        this.currentStaff = currentStaff;
        this.merging = merging;
        setSizeFull();
        search.setId("patient-search");
        search.setPlaceholder("Name, phone number, date of birth (MM/DD/YYYY) or MRN");
        search.setWidth("28em");
        search.setValueChangeMode(ValueChangeMode.LAZY);
        search.addValueChangeListener(e -> grid.getDataProvider().refreshAll());
        Button add = new Button("Add patient", e -> edit(null));
        add.setId("add-patient");
        grid.setId("patients");
        grid.addColumn(p -> p.lastName() + ", " + p.firstName()).setHeader("Name").setAutoWidth(true);
        grid.addColumn(p -> p.dateOfBirth() == null ? "" : DOB.format(p.dateOfBirth())).setHeader("Date of birth")
                .setAutoWidth(true);
        grid.addColumn(p -> p.phoneNumber() == null ? "No cell phone" : PhoneFormat.national(p.phoneNumber()))
                .setHeader("Cell phone").setAutoWidth(true);
        grid.addColumn(p -> p.mrn() == null ? "" : p.mrn()).setHeader("MRN").setAutoWidth(true);
        grid.setItems(query -> contacts.searchPatients(search.getValue(), query.getOffset(), query.getLimit()).stream(),
                query -> (int) Math.min(Integer.MAX_VALUE, contacts.countPatients(search.getValue())));
        grid.addItemClickListener(click -> edit(click.getItem()));
        grid.setSizeFull();
        add(new H2("Patients"), new HorizontalLayout(search, add), grid);
    }

    void edit(ContactSummary patient) {
        String me = currentStaff.get().username();
        PatientDetails details = patient == null ? null : contacts.details(me, patient.id()).orElse(null);
        form = new PatientForm(details);
        dialog = new Dialog(form);
        dialog.setHeaderTitle(patient == null ? "New patient" : "Patient");
        form.addCancelListener(e -> dialog.close());
        form.addSaveListener(e -> {
            try {
                if (patient == null) {
                    contacts.createPatient(me, e.details());
                } else {
                    contacts.updatePatient(me, patient.id(), e.details());
                }
                dialog.close();
                grid.getDataProvider().refreshAll();
            } catch (NumberInUseException taken) {
                form.showError(PatientMessages.numberInUse(taken));
            } catch (IllegalArgumentException invalid) {
                form.showError(invalid.getMessage());
            }
        });
        if (patient != null && patient.phoneNumber() != null) {
            dialog.getFooter().add(numberActions(patient, me));
        }
        if (patient != null && patient.kind() == org.parley.patient.ContactKind.PATIENT) {
            dialog.getFooter().add(mergeAction(patient, me));
        }
        dialog.open();
    }

    /** Merging a duplicate of this patient into it; afterwards the list no longer shows the duplicate. */
    private Button mergeAction(ContactSummary patient, String me) {
        Button merge = new Button("Merge a duplicate…", e -> {
            mergeDialog = new MergePatientsDialog(contacts, merging, me, patient, () -> {
                dialog.close();
                grid.getDataProvider().refreshAll();
            });
            mergeDialog.open();
        });
        merge.setId("merge-duplicate-open");
        return merge;
    }

    /** DO NOT TEXT and "delete account" (the number goes, the history stays), each confirmed first. */
    private HorizontalLayout numberActions(ContactSummary patient, String me) {
        TextField reason = new TextField();
        reason.setId("do-not-text-reason");
        reason.setPlaceholder("Why must this number not be texted?");
        reason.setWidth("18em");
        Button doNotText = new Button("Mark DO NOT TEXT", e -> {
            try {
                contacts.markDoNotText(me, patient.id(), reason.getValue());
                dialog.close();
                grid.getDataProvider().refreshAll();
            } catch (IllegalArgumentException invalid) {
                form.showError(invalid.getMessage());
            }
        });
        doNotText.setId("do-not-text");
        Button deleteNumber = new Button("Delete number", e -> {
            com.vaadin.flow.component.confirmdialog.ConfirmDialog confirm =
                    new com.vaadin.flow.component.confirmdialog.ConfirmDialog("Delete the cell number?",
                            "The patient's conversations and messages stay; nobody can text them until a number "
                                    + "is added again.", "Delete number", yes -> {
                                contacts.deleteNumber(me, patient.id());
                                dialog.close();
                                grid.getDataProvider().refreshAll();
                            });
            confirm.setCancelable(true);
            confirm.setConfirmButtonTheme("error primary");
            confirmation = confirm;
            confirm.open();
        });
        deleteNumber.setId("delete-number");
        contacts.doNotText(patient.phoneNumber()).ifPresent(mark -> {
            reason.setValue(mark.reason());
            reason.setReadOnly(true);
            doNotText.setEnabled(false);
            doNotText.setText("DO NOT TEXT since " + DOB.format(mark.setAt().atZone(java.time.ZoneId.systemDefault())));
        });
        return new HorizontalLayout(reason, doNotText, deleteNumber);
    }
}

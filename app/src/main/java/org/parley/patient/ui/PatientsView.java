package org.parley.patient.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.stream.Collectors;
import org.parley.conversation.ConversationService;
import org.parley.line.LineService;
import org.parley.line.LineSnapshot;
import org.parley.line.LineTypes;
import org.parley.patient.ContactKind;
import org.parley.patient.ContactService;
import org.parley.patient.ContactSummary;
import org.parley.patient.Families;
import org.parley.patient.NumberInUseException;
import org.parley.patient.PatientDetails;
import org.parley.patient.PatientImport;
import org.parley.patient.PatientMerge;
import org.parley.patient.phone.PhoneFormat;
import org.parley.security.web.CurrentStaff;

/** The practice's patients: a lazy, paged list searchable by name, number, date of birth or MRN. */
@Route("patients")
@PageTitle("Patients | Parley")
@Menu(title = "Patients", order = 10)
// STAFF or ADMIN, not just any login: a session whose account lost its role sees nothing here.
@RolesAllowed({"STAFF", "ADMIN"})
class PatientsView extends VerticalLayout {

    private static final DateTimeFormatter DOB = DateTimeFormatter.ofPattern("MM/dd/yyyy");

    private final ContactService contacts;
    private final Families families;
    private final ConversationService conversations;
    private final LineService lines;
    private final LineTypes lineTypes;
    private final CurrentStaff currentStaff;
    private final PatientMerge merging;
    final TextField search = new TextField();
    final Grid<ContactSummary> grid = new Grid<>();
    Dialog dialog;
    PatientForm form;
    ConfirmDialog confirmation;
    MergePatientsDialog mergeDialog;

    PatientsView(ContactService contacts, Families families, ConversationService conversations,
                 LineService lines, LineTypes lineTypes, CurrentStaff currentStaff,
                 PatientImport patientImport, PatientMerge merging) {
        this.contacts = contacts;
        this.families = families;
        this.conversations = conversations;
        this.lines = lines;
        this.lineTypes = lineTypes;
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
        grid.addColumn(p -> p.isDependent() ? "Guardian's phone"
                        : p.phoneNumber() == null ? "No cell phone" : PhoneFormat.national(p.phoneNumber()))
                .setHeader("Cell phone").setAutoWidth(true);
        grid.addColumn(p -> p.mrn() == null ? "" : p.mrn()).setHeader("MRN").setAutoWidth(true);
        grid.setItems(query -> contacts.searchPatients(search.getValue(), query.getOffset(), query.getLimit()).stream(),
                query -> (int) Math.min(Integer.MAX_VALUE, contacts.countPatients(search.getValue())));
        grid.addItemClickListener(click -> edit(click.getItem()));
        grid.setSizeFull();
        var importCsv = PatientImportDialog.opener(patientImport, () -> currentStaff.get().username(),
                () -> grid.getDataProvider().refreshAll());
        add(new H2("Patients"), new HorizontalLayout(search, add, importCsv), grid);
    }

    void edit(ContactSummary patient) {
        String me = currentStaff.get().username();
        PatientDetails details = patient == null ? null : contacts.details(me, patient.id()).orElse(null);
        form = new PatientForm(details);
        if (patient != null) {
            form.setLanguage(contacts.preferredLanguage(patient.id()));
        }
        dialog = new Dialog(form);
        dialog.setHeaderTitle(patient == null ? "New patient" : "Patient");
        form.addCancelListener(e -> dialog.close());
        form.addSaveListener(e -> {
            try {
                long saved = patient == null ? contacts.createPatient(me, e.details()).id()
                        : contacts.updatePatient(me, patient.id(), e.details()).id();
                contacts.setPreferredLanguage(me, saved, e.language());
                dialog.close();
                grid.getDataProvider().refreshAll();
            } catch (NumberInUseException taken) {
                form.showError(PatientMessages.numberInUse(taken));
                if (patient == null) {
                    offerWaysOn(taken.owner(), e.details(), me);
                }
            } catch (IllegalArgumentException invalid) {
                form.showError(invalid.getMessage());
            }
        });
        if (patient != null && patient.phoneNumber() != null) {
            dialog.getFooter().add(numberActions(patient, me));
        }
        if (patient != null) {
            dialog.add(familyActions(patient, me));
        }
        if (patient != null && patient.kind() == ContactKind.PATIENT) {
            dialog.getFooter().add(mergeAction(patient, me));
        }
        dialog.open();
    }

    /**
     * A new patient's number belongs to someone else: add them as that patient's dependent (texted on the same
     * phone), or, if they are the same person, open that patient's record (to merge a duplicate from there).
     */
    private void offerWaysOn(ContactSummary owner, PatientDetails details, String me) {
        Button asDependent = new Button("Add as " + owner.displayName() + "'s dependent", e -> {
            try {
                families.addDependent(me, owner.guardianId() != null ? owner.guardianId() : owner.id(),
                        new PatientDetails(details.firstName(), details.lastName(), details.dateOfBirth(), "",
                                details.mrn(), details.internalNote(), details.timeZone()));
                dialog.close();
                grid.getDataProvider().refreshAll();
            } catch (IllegalArgumentException invalid) {
                form.showError(invalid.getMessage());
            }
        });
        asDependent.setId("add-as-dependent");
        Button samePerson = new Button("Same person: open " + owner.displayName(), e -> {
            dialog.close();
            edit(owner);
        });
        samePerson.setId("open-existing");
        dialog.getFooter().removeAll();
        dialog.getFooter().add(asDependent, samePerson);
    }

    /** The family (guardian and dependents), adding a dependent, and opening the patient's conversation. */
    private VerticalLayout familyActions(ContactSummary patient, String me) {
        VerticalLayout box = new VerticalLayout();
        box.setPadding(false);
        List<ContactSummary> family = contacts.family(patient.id());
        if (family.size() > 1) {
            Span members = new Span("Family: "
                    + family.get(0).displayName() + " (guardian)" + family.stream().skip(1)
                    .map(m -> ", " + m.displayName()).collect(Collectors.joining()));
            members.setId("family-members");
            box.add(members);
        }
        Button open = new Button("Open conversation", e -> {
            long id = conversations.conversationWith(currentStaff.get(), patient.id());
            dialog.close();
            getUI().ifPresent(ui -> ui.navigate("inbox/" + id));
        });
        open.setId("open-conversation");
        HorizontalLayout actions = new HorizontalLayout(open);
        if (!patient.isDependent()) {
            Button addDependent = new Button("Add dependent", e -> addDependent(patient, me));
            addDependent.setId("add-dependent");
            actions.add(addDependent);
        }
        box.add(actions);
        return box;
    }

    private String firstLine() {
        return lines.all().stream().findFirst().map(LineSnapshot::id).orElse("");
    }

    private void addDependent(ContactSummary guardian, String me) {
        dialog.close();
        form = new PatientForm(null);
        form.cellPhone.setEnabled(false);
        form.cellPhone.setHelperText("Texts go to " + guardian.displayName() + "'s phone.");
        dialog = new Dialog(form);
        dialog.setHeaderTitle("New dependent of " + guardian.displayName());
        form.addCancelListener(e -> dialog.close());
        form.addSaveListener(e -> {
            try {
                long added = families.addDependent(me, guardian.id(), e.details()).id();
                contacts.setPreferredLanguage(me, added, e.language());
                dialog.close();
                grid.getDataProvider().refreshAll();
            } catch (IllegalArgumentException invalid) {
                form.showError(invalid.getMessage());
            }
        });
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
            ConfirmDialog confirm =
                    new ConfirmDialog("Delete the cell number?",
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
        Span type = new Span();
        type.setId("number-type");
        Button recheck = new Button("Re-check", e -> type.setText("Number: " + LineTypes.describe(
                lineTypes.recheck(firstLine(), patient.phoneNumber()))));
        recheck.setId("recheck-number");
        type.setText("Number: " + LineTypes.describe(lineTypes.of(firstLine(), patient.phoneNumber())));
        contacts.doNotText(patient.phoneNumber()).ifPresent(mark -> {
            reason.setValue(mark.reason());
            reason.setReadOnly(true);
            doNotText.setEnabled(false);
            doNotText.setText("DO NOT TEXT since " + DOB.format(mark.setAt().atZone(ZoneId.systemDefault())));
        });
        return new HorizontalLayout(type, recheck, reason, doNotText, deleteNumber);
    }
}

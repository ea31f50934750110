package org.parley.inbox.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import java.time.Clock;
import java.util.function.Consumer;
import org.parley.conversation.ConversationHeader;
import org.parley.line.LineTypes;
import org.parley.patient.ContactService;
import org.parley.patient.NumberInUseException;
import org.parley.patient.PatientDetails;
import org.parley.patient.ui.PatientForm;
import org.parley.patient.ui.PatientMessages;
import org.parley.plugin.LineType;
import org.parley.security.StaffMember;

/**
 * The conversation's title line: who it is with, on which line, what the number can receive, whether the patient
 * opted out, and the patient's details (an unknown number becomes a patient when they are saved).
 */
class ConversationTitle extends HorizontalLayout {

    final H2 name = new H2();
    final Span numberType = new Span();
    final Span textedVia = new Span();
    final Span optOut = new Span();
    Dialog patientDialog;
    private final ContactService contacts;
    private final StaffMember me;
    private final LineType lineType;
    private final Clock clock;
    private final Consumer<Long> patientSaved;
    private ConversationHeader header;

    /** {@code patientSaved} is told the contact's id after its details were saved. */
    ConversationTitle(ConversationHeader header, LineType lineType, ContactService contacts, StaffMember me,
                      Clock clock, Consumer<Long> patientSaved) {
        this.header = header;
        this.lineType = lineType;
        this.contacts = contacts;
        this.me = me;
        this.clock = clock;
        this.patientSaved = patientSaved;
        name.setId("conversation-name");
        Span line = new Span("on " + header.lineName());
        line.addClassName("parley-hint");
        numberType.setId("number-type");
        numberType.addClassName("parley-hint");
        textedVia.setId("texted-via");
        textedVia.addClassName("parley-hint");
        optOut.setId("opt-out-status");
        optOut.addClassName("opt-out");
        Button editPatient = new Button("Patient details", e -> editPatient());
        editPatient.setId("edit-patient");
        editPatient.addThemeVariants(ButtonVariant.TERTIARY);
        add(name, line, numberType, textedVia, optOut, editPatient);
        setAlignItems(Alignment.BASELINE);
        setWrap(true);
        addClassName("conversation-title");
    }

    /** Shows what may change while the conversation is open. */
    void show(ConversationHeader header) {
        this.header = header;
        name.setText(header.contactName());   // a colleague may have named the patient meanwhile
        textedVia.setText(header.textedVia() == null ? "" : "Texts go to " + header.textedVia() + "'s phone");
        textedVia.setVisible(header.textedVia() != null);
        optOut.setText(header.optOut().optedOut()
                ? "Opted out of texts since " + TimeFormat.of(header.optOut().since(), clock) : "");
        optOut.setVisible(header.optOut().optedOut());
        numberType.setText("Number: " + numberStatus());
    }

    /** The number's status, in agreement with the reply box. */
    private String numberStatus() {
        if (header.blockReason() == null) {
            return LineTypes.describe(lineType);
        }
        return switch (header.blockReason()) {
            case NO_NUMBER -> "no cell phone on file, cannot receive texts";
            case DO_NOT_TEXT -> "marked DO NOT TEXT, no texts";
            case OPTED_OUT -> "opted out of texts";
            case LANDLINE -> LineTypes.describe(LineType.LANDLINE);
        };
    }

    /** Opens the contact's profile; an unknown number becomes a patient when it is saved. */
    private void editPatient() {
        PatientDetails details = contacts.details(me.username(), header.contactId()).orElse(null);
        PatientForm form = new PatientForm(details);
        Dialog dialog = new Dialog(form);
        dialog.setHeaderTitle("Patient");
        form.addCancelListener(e -> dialog.close());
        form.addSaveListener(e -> {
            try {
                contacts.updatePatient(me.username(), header.contactId(), e.details());
            } catch (NumberInUseException taken) {
                form.showError(PatientMessages.numberInUse(taken));
                return;
            } catch (IllegalArgumentException invalid) {
                form.showError(invalid.getMessage());
                return;
            }
            dialog.close();
            patientSaved.accept(header.contactId());
        });
        patientDialog = dialog;
        dialog.open();
    }
}

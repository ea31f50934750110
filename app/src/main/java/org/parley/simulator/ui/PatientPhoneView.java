package org.parley.simulator.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Image;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.server.streams.DownloadResponse;
import com.vaadin.flow.server.streams.UploadHandler;
import com.vaadin.flow.shared.Registration;
import jakarta.annotation.security.RolesAllowed;
import java.io.ByteArrayInputStream;
import org.parley.base.ui.LiveUpdates;
import org.parley.line.LineSnapshot;
import org.parley.simulator.PhoneChanged;
import org.parley.simulator.PhoneEntry;
import org.parley.simulator.SandboxCarrier;

/**
 * Play a patient: pick a number, text a sandbox line (with a picture if you like), and watch the practice's
 * replies arrive with their delivery status.
 */
@Route("patient-phone")
@PageTitle("Patient phone | Parley")
@Menu(title = "Patient phone (simulator)", order = 50)
// STAFF or ADMIN, not just any login: a session whose account lost its role sees nothing here.
@RolesAllowed({"STAFF", "ADMIN"})
class PatientPhoneView extends VerticalLayout {

    private final SandboxCarrier carrier;
    private final LiveUpdates liveUpdates;
    final ComboBox<LineSnapshot> line = new ComboBox<>("Practice line");
    final TextField phone = new TextField("This phone's number");
    final TextArea text = new TextArea("Text");
    final Button send = new Button("Send text");
    final Span feedback = new Span();
    final Div screen = new Div();
    final Checkbox outage = new Checkbox("Carrier outage (the practice's sends fail with 503)");
    final Checkbox blocked = new Checkbox("This phone opted out at the carrier (sends to it fail, like Twilio's 21610)");
    final TextArea transcript = new TextArea("Voicemail transcript");
    final Checkbox transcriptFirst = new Checkbox("Transcript arrives before the recording");
    final Button call = new Button("Call and leave a voicemail");
    private String audioType;
    private String audioName;
    private byte[] audio;
    private String pictureType;
    private String pictureName;
    private byte[] picture;
    private Registration subscription;
    private Registration resync;

    PatientPhoneView(SandboxCarrier carrier, LiveUpdates liveUpdates) {
        this.carrier = carrier;
        this.liveUpdates = liveUpdates;
        line.setId("phone-line");
        line.setItems(carrier.sandboxLines());
        line.setItemLabelGenerator(l -> l.name() + " " + l.number());
        carrier.sandboxLines().stream().findFirst().ifPresent(line::setValue);
        phone.setId("phone-number");
        phone.setValue("+15555550123");
        phone.setValueChangeMode(ValueChangeMode.LAZY);
        phone.addValueChangeListener(e -> showScreen());
        text.setId("phone-text");
        text.setWidth("24em");
        Upload upload = new Upload(UploadHandler.inMemory((metadata, data) -> {
            pictureType = metadata.contentType();
            pictureName = metadata.fileName();
            picture = data;
        }));
        upload.setId("phone-picture");
        upload.setMaxFiles(1);
        upload.setAcceptedFileTypes("image/*");
        upload.setMaxFileSize(5 * 1024 * 1024);
        upload.addFileRemovedListener(e -> picture = null);
        send.setId("phone-send");
        send.addThemeVariants(ButtonVariant.PRIMARY);
        send.addClickListener(e -> {
            sendText();
            upload.clearFileList();
        });
        feedback.setId("phone-feedback");
        outage.setId("carrier-outage");
        outage.setValue(carrier.isOutage());
        outage.addValueChangeListener(e -> carrier.setOutage(e.getValue()));
        screen.addClassNames("thread", "phone");
        screen.setId("phone-screen");
        blocked.setId("carrier-blocks-phone");
        blocked.addValueChangeListener(e -> carrier.setBlocked(number(), e.getValue()));
        Upload recording = new Upload(UploadHandler.inMemory((metadata, data) -> {
            audioType = metadata.contentType();
            audioName = metadata.fileName();
            audio = data;
        }));
        recording.setId("voicemail-recording");
        recording.setMaxFiles(1);
        recording.setAcceptedFileTypes("audio/*");
        recording.setMaxFileSize(10 * 1024 * 1024);
        recording.addFileRemovedListener(e -> audio = null);
        transcript.setId("voicemail-transcript");
        transcript.setWidth("24em");
        transcriptFirst.setId("transcript-first");
        call.setId("phone-call");
        call.addClickListener(e -> {
            leaveVoicemail();
            recording.clearFileList();
        });
        add(new H2("Patient phone"),
                new Paragraph("A simulated phone on the sandbox network. Its texts and voicemails reach the inbox "
                        + "through the line's signed webhooks, like a real provider's."),
                line, phone, lineTypes(), screen, text, upload, send, feedback,
                new H2("Voicemail"), recording, transcript, transcriptFirst, call,
                new H2("Carrier"), outage, blocked);
        showScreen();
    }

    /** The sandbox's line-type rule (the sandbox plugin's lookup), so a demo's numbers are chosen knowingly. */
    static final String LINE_TYPES = "Parley asks the sandbox whether a number can receive texts: (xxx) 200-xxxx "
            + "numbers are landlines and (xxx) 201-xxxx numbers VoIP, so replies to them are disabled as to a real "
            + "landline; every other number is a mobile.";

    private static Paragraph lineTypes() {
        Paragraph rule = new Paragraph(LINE_TYPES);
        rule.setId("sandbox-line-types");
        rule.addClassName("parley-hint");
        return rule;
    }

    private void sendText() {
        try {
            SandboxCarrier.Sent sent = carrier.textPractice(line.getValue() == null ? null : line.getValue().id(),
                    phone.getValue(), text.getValue(), pictureType, pictureName, picture);
            if (sent.accepted()) {
                feedback.setText("Sent.");
                text.clear();
                picture = null;
            } else {
                feedback.setText("Not delivered: " + sent.problem());
            }
        } catch (IllegalArgumentException e) {
            feedback.setText(e.getMessage());
        }
        showScreen();
    }

    private String number() {
        return phone.getValue().replaceAll("[\\s().-]", "");
    }

    private void leaveVoicemail() {
        try {
            SandboxCarrier.Sent sent = carrier.leaveVoicemail(line.getValue() == null ? null : line.getValue().id(),
                    phone.getValue(), audioType, audioName, audio, transcript.getValue(), transcriptFirst.getValue());
            feedback.setText(sent.accepted() ? "Voicemail left." : "Not delivered: " + sent.problem());
            if (sent.accepted()) {
                transcript.clear();
                audio = null;
            }
        } catch (IllegalArgumentException e) {
            feedback.setText(e.getMessage());
        }
        showScreen();
    }

    private void showScreen() {
        screen.removeAll();
        blocked.setValue(carrier.isBlocked(number()));
        String number = number();
        for (PhoneEntry entry : carrier.phone(number, 50)) {
            Div bubble = new Div();
            bubble.addClassNames("bubble", entry.fromPhone() ? "from-phone" : "to-phone");
            bubble.getElement().setAttribute("data-status", entry.status());
            if (entry.hasImage()) {
                // The picture itself, as the patient's phone would show it (also the practice's MMS replies).
                bubble.add(new Image(picture(entry.id()),
                        entry.fromPhone() ? "Picture sent" : "Picture received"));
            }
            Span body = new Span(entry.body() + (entry.hasPicture() && !entry.hasImage() ? " [file]" : ""));
            Span meta = new Span(entry.fromPhone() ? "you" : entry.status());
            meta.addClassName("meta");
            bubble.add(body, meta);
            screen.add(bubble);
        }
    }

    private DownloadHandler picture(long phoneMessageId) {
        return DownloadHandler.fromInputStream(event -> carrier.picture(phoneMessageId)
                .map(p -> new DownloadResponse(new ByteArrayInputStream(p.data()),
                        p.fileName() == null ? "picture" : p.fileName(), p.contentType(), p.data().length))
                .orElseGet(() -> DownloadResponse.error(404)));
    }

    @Override
    protected void onAttach(AttachEvent attachEvent) {
        subscription = liveUpdates.subscribe(attachEvent.getUI(), PhoneChanged.class, changed -> showScreen());
        resync = liveUpdates.subscribe(attachEvent.getUI(), LiveUpdates.Resync.class, missed -> showScreen());
    }

    @Override
    protected void onDetach(DetachEvent detachEvent) {
        if (subscription != null) {
            subscription.remove();
        }
        if (resync != null) {
            resync.remove();
        }
    }
}

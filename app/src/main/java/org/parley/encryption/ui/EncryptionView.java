package org.parley.encryption.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.shared.Registration;
import jakarta.annotation.security.RolesAllowed;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import org.parley.base.ui.LiveUpdates;
import org.parley.encryption.EncryptionAdministration;
import org.parley.encryption.EncryptionStatus;
import org.parley.encryption.ReencryptionProgress;
import org.parley.security.web.CurrentStaff;

/**
 * Encryption at rest for admins: where the key file is, the keys, a key rotation (confirmed, audited), and the
 * re-encryption job with its progress, followed live.
 */
@Route("admin/encryption")
@PageTitle("Encryption | Parley")
@Menu(title = "Encryption", order = 93)
@RolesAllowed("ADMIN")
class EncryptionView extends VerticalLayout {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final EncryptionAdministration encryption;
    private final CurrentStaff currentStaff;
    private final LiveUpdates liveUpdates;
    private Registration subscription;

    final Paragraph keyFile = new Paragraph();
    final Grid<EncryptionStatus.Key> keys = new Grid<>();
    final Span pending = new Span();
    final Button rotate = new Button("Rotate key");
    final Button reencrypt = new Button("Re-encrypt now");
    ConfirmDialog confirmation;
    final Span jobState = new Span();
    final ProgressBar bar = new ProgressBar();
    final Grid<ReencryptionProgress.Part> parts = new Grid<>();
    final Span message = new Span();

    EncryptionView(EncryptionAdministration encryption, CurrentStaff currentStaff, LiveUpdates liveUpdates) {
        this.encryption = encryption;
        this.currentStaff = currentStaff;
        this.liveUpdates = liveUpdates;
        keyFile.setId("key-file");
        keys.setId("encryption-keys");
        keys.addColumn(EncryptionStatus.Key::id).setHeader("Key").setAutoWidth(true);
        keys.addColumn(key -> when(key.addedAt())).setHeader("Added").setAutoWidth(true);
        keys.addColumn(EncryptionView::state).setHeader("State").setAutoWidth(true);
        keys.setAllRowsVisible(true);
        pending.setId("not-under-primary");
        rotate.setId("rotate-key");
        rotate.addThemeVariants(ButtonVariant.PRIMARY);
        rotate.addClickListener(e -> confirmRotation());
        reencrypt.setId("reencrypt");
        reencrypt.addClickListener(e -> {
            boolean started = encryption.reencrypt(currentStaff.get().username());
            show(started ? "Re-encryption started." : "Re-encryption is running already.");
        });
        jobState.setId("job-state");
        bar.setId("job-progress");
        parts.setId("job-parts");
        parts.addColumn(ReencryptionProgress.Part::name).setHeader("Data").setAutoWidth(true);
        parts.addColumn(p -> p.done() + " of " + p.total()).setHeader("Done").setAutoWidth(true);
        parts.addColumn(ReencryptionProgress.Part::failed).setHeader("Unreadable").setAutoWidth(true);
        parts.setAllRowsVisible(true);
        message.setId("encryption-message");
        add(new H2("Encryption at rest"),
                new Paragraph("Message and note text, attachments, voicemails, internal notes and provider secrets "
                        + "are stored encrypted. The keys are in a key file outside the database: back it up "
                        + "separately from the database backups, and again after each rotation."),
                keyFile, keys, pending, new HorizontalLayout(rotate, reencrypt), message,
                new H3("Re-encryption job"), jobState, bar, parts);
        refresh();
    }

    private void confirmRotation() {
        confirmation = new ConfirmDialog("Rotate the encryption key?",
                "A new key is added to the key file and encrypts new data from now on; the job then re-encrypts "
                        + "existing data. Older keys stay in the file, so nothing becomes unreadable. Back up the key "
                        + "file afterwards.", "Rotate key", yes -> {
                    try {
                        int id = encryption.rotate(currentStaff.get().username());
                        show("Key " + id + " encrypts new data now. Back up the key file.");
                    } catch (IllegalStateException refused) {
                        show(refused.getMessage());
                    }
                    refresh();
                });
        confirmation.setCancelable(true);
        confirmation.open();
    }

    private void refresh() {
        EncryptionStatus status = encryption.status();
        keyFile.setText("Key file: " + status.keyFile() + ". Key " + status.primaryKeyId() + " encrypts new data.");
        keys.setItems(status.keys());
        pending.setText(status.notUnderPrimaryKey() == 0 ? "All data is under the current key."
                : status.notUnderPrimaryKey() + " value(s) are under an older key or not encrypted yet.");
        showProgress(status.progress());
    }

    private void showProgress(ReencryptionProgress progress) {
        jobState.setText(switch (progress.state()) {
            case IDLE -> "Not run since Parley started.";
            case RUNNING -> "Running since " + when(progress.startedAt()) + "…";
            case FINISHED -> "Finished " + when(progress.finishedAt()) + ": " + progress.done() + " done, "
                    + progress.failed() + " unreadable.";
            case STOPPED -> "Stopped: " + progress.problem();
        });
        bar.setValue(progress.fraction());
        parts.setItems(progress.parts());
    }

    private void show(String text) {
        message.setText(text);
    }

    private static String state(EncryptionStatus.Key key) {
        if (key.primary()) {
            return "encrypts new data";
        }
        if (key.retiredAt() == null) {
            return "reads older data (the job re-encrypts it)";
        }
        return (key.inKeyFile() ? "" : "removed from the key file; ") + "no data under it since "
                + when(key.retiredAt()) + " (keep it for older backups)";
    }

    private static String when(Instant at) {
        return at == null ? "" : WHEN.format(at.atZone(ZoneId.systemDefault()));
    }

    @Override
    protected void onAttach(AttachEvent attachEvent) {
        subscription = liveUpdates.subscribe(attachEvent.getUI(), ReencryptionProgress.class, progress -> {
            showProgress(progress);
            if (progress.state() != ReencryptionProgress.State.RUNNING) {
                refresh();
            }
        });
    }

    @Override
    protected void onDetach(DetachEvent detachEvent) {
        if (subscription != null) {
            subscription.remove();
        }
    }
}

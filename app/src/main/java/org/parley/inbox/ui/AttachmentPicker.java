package org.parley.inbox.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Image;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.component.upload.UploadI18N;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.server.streams.DownloadResponse;
import com.vaadin.flow.server.streams.InMemoryUploadHandler;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.parley.attachment.Attachment;
import org.parley.attachment.ReplyAttachments;

/**
 * Pictures and files for a reply, before it is sent: each chosen file listed by name with a remove button, a
 * picture as a thumbnail; a file the practice may not send (too large, a type not allowed, content that is not what
 * its name says) refused with the reason. On a line whose provider cannot send pictures or files, the button is
 * disabled and says why.
 */
class AttachmentPicker extends Div {

    final Upload upload;
    final Div chosen = new Div();
    final Span problem = new Span();
    final Span unavailable = new Span();
    private final ReplyAttachments rules;
    private final Runnable onChange;
    private final List<Attachment> files = new ArrayList<>();
    private final boolean possible;

    /**
     * @param onChange told when a file is added or removed (the send button may change)
     */
    AttachmentPicker(ReplyAttachments rules, String lineId, Runnable onChange) {
        this.rules = rules;
        this.onChange = onChange;
        addClassName("attachment-picker");
        // Files arrive in memory, within the configured size: the browser refuses larger ones first, and the
        // server cuts off anything far larger that bypassed it (a file slightly over still gets the clear message).
        long cutOff = rules.maxBytes() + 1024 * 1024;
        upload = new Upload(new InMemoryUploadHandler((metadata, data) -> add(metadata.fileName(), data)) {
            @Override
            public long getFileSizeMax() {
                return cutOff;
            }
        });
        upload.setId("attach");
        Button button = new Button("Attach picture or file", VaadinIcon.PAPERCLIP.create());
        button.addThemeVariants(ButtonVariant.TERTIARY);
        upload.setUploadButton(button);
        upload.setDropAllowed(false);
        upload.setMaxFiles(rules.maxFiles());
        upload.setMaxFileSize((int) Math.min(Integer.MAX_VALUE, rules.maxBytes()));
        upload.setAcceptedFileTypes(rules.chooserTypes().toArray(String[]::new));
        UploadI18N i18n = new UploadI18N();
        i18n.setError(new UploadI18N.Error()
                .setFileIsTooBig("The file is larger than " + ReplyAttachments.size(rules.maxBytes())
                        + ", the most an attachment can be.")
                .setIncorrectFileType("Attach " + rules.limitsInWords() + ".")
                .setTooManyFiles("A reply can carry at most " + ReplyAttachments.files(rules.maxFiles()) + "."));
        upload.setI18n(i18n);
        upload.addFileRejectedListener(rejected -> problem.setText(rejected.getFileName() + ": "
                + rejected.getErrorMessage()));
        upload.getElement().setAttribute("title", "Attach " + rules.limitsInWords());

        chosen.setId("attachments");
        chosen.addClassName("attachments");
        problem.setId("attachment-problem");
        problem.addClassName("parley-error");
        unavailable.setId("attachments-unavailable");
        unavailable.addClassName("parley-hint");
        Optional<String> why = rules.whyNotPossible(lineId);
        possible = why.isEmpty();
        unavailable.setText(why.orElse(""));
        unavailable.setVisible(!possible);
        add(upload, unavailable, chosen, problem);
        render();
    }

    /** The files to send with the reply, in the order chosen. */
    List<Attachment> chosen() {
        return List.copyOf(files);
    }

    boolean hasFiles() {
        return !files.isEmpty();
    }

    /** Empties the list once the reply is sent. */
    void clear() {
        files.clear();
        problem.setText("");
        render();
    }

    /** A file arrived from the browser (inside the UI's lock). */
    void add(String fileName, byte[] data) {
        upload.clearFileList();
        try {
            if (files.size() >= rules.maxFiles()) {
                throw new IllegalArgumentException("A reply can carry at most "
                        + ReplyAttachments.files(rules.maxFiles()) + ": remove one first.");
            }
            files.add(rules.check(fileName, data));
            problem.setText("");
        } catch (IllegalArgumentException refused) {
            problem.setText((fileName == null || fileName.isBlank() ? "The file" : fileName) + ": "
                    + refused.getMessage());
        }
        render();
        onChange.run();
    }

    private void render() {
        upload.setEnabled(possible && files.size() < rules.maxFiles());
        chosen.removeAll();
        for (Attachment file : files) {
            Div item = new Div();
            item.addClassName("attachment");
            if (file.isImage()) {
                Image thumbnail = new Image(DownloadHandler.fromInputStream(event -> new DownloadResponse(
                        new ByteArrayInputStream(file.data()), file.fileName(), file.contentType(),
                        file.data().length)), "Preview of " + file.fileName());
                thumbnail.addClassName("thumbnail");
                item.add(thumbnail);
            }
            Span name = new Span(file.fileName());
            name.addClassName("attachment-name");
            Span size = new Span(" (" + ReplyAttachments.size(file.sizeBytes()) + ")");
            size.addClassName("parley-hint");
            Button remove = new Button("Remove", e -> {
                files.remove(file);
                render();
                onChange.run();
            });
            remove.addClassName("remove-attachment");
            remove.getElement().setAttribute("aria-label", "Remove " + file.fileName());
            remove.addThemeVariants(ButtonVariant.TERTIARY, ButtonVariant.SMALL);
            item.add(name, size, remove);
            chosen.add(item);
        }
        chosen.setVisible(!files.isEmpty());
    }
}

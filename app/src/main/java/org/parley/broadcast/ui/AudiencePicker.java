package org.parley.broadcast.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.component.upload.Upload;
import java.util.function.Consumer;
import org.parley.base.ui.BoundedUpload;
import org.parley.broadcast.AudienceChoice;
import org.parley.broadcast.Broadcasts;
import org.parley.broadcast.SavedAudience;
import org.parley.lists.InboxListSummary;
import org.parley.lists.ListService;
import org.parley.security.web.CurrentStaff;
import org.parley.tag.Tag;
import org.parley.tag.TagService;

/**
 * Who gets a broadcast: born between two dates, a conversation in a list, a last visit between two dates, a tag, an
 * uploaded CSV of MRNs or cell numbers, or a saved audience; a search can be saved under a name for next time.
 * Shows only the fields of the kind chosen and turns them into the {@link AudienceChoice} the service takes.
 */
class AudiencePicker extends VerticalLayout {

    static final String BORN = "Patients born between";
    static final String FILE = "A CSV of MRNs or cell numbers";
    static final String SAVED = "A saved audience";
    static final String TAGGED = "Patients with a tag";
    static final String IN_LIST = "Patients with a conversation in a list";
    static final String VISITED = "Patients by last visit";

    private final Broadcasts broadcasts;
    private final CurrentStaff currentStaff;
    /** Where a refusal or a confirmation is shown: the page's one message line. */
    private final Consumer<String> say;

    final RadioButtonGroup<String> kind = new RadioButtonGroup<>("Who gets it");
    final DatePicker bornFrom = new DatePicker("Born from");
    final DatePicker bornTo = new DatePicker("Born to");
    final TextField audienceName = new TextField("Save this search as");
    final Button saveAudience = new Button("Save audience");
    final ComboBox<SavedAudience> savedAudience = new ComboBox<>("Saved audience");
    final ComboBox<Tag> tag = new ComboBox<>("Tag");
    final ComboBox<InboxListSummary> list = new ComboBox<>("List");
    final DatePicker visitFrom = new DatePicker("Last visit from");
    final DatePicker visitTo = new DatePicker("Last visit to");
    final BoundedUpload uploadHandler;
    final Upload upload;
    final Span uploaded = new Span();

    private byte[] file;
    private String fileName;

    AudiencePicker(Broadcasts broadcasts, CurrentStaff currentStaff, TagService tags, ListService lists,
                   Consumer<String> say) {
        this.broadcasts = broadcasts;
        this.currentStaff = currentStaff;
        this.say = say;
        setPadding(false);
        kind.setId("broadcast-audience");
        kind.setItems(BORN, IN_LIST, VISITED, TAGGED, FILE, SAVED);
        list.setId("broadcast-list");
        list.setItems(lists.teamLists());
        list.setItemLabelGenerator(InboxListSummary::name);
        visitFrom.setId("broadcast-visit-from");
        visitTo.setId("broadcast-visit-to");
        visitFrom.setHelperText("Empty: any time before the second date");
        visitTo.setHelperText("Empty: up to today (the last visit is the patient import's column)");
        tag.setId("broadcast-tag");
        tag.setItems(tags.all());
        tag.setItemLabelGenerator(Tag::name);
        kind.setValue(BORN);
        bornFrom.setId("broadcast-born-from");
        bornTo.setId("broadcast-born-to");
        audienceName.setId("broadcast-audience-name");
        saveAudience.setId("broadcast-save-audience");
        saveAudience.addClickListener(e -> saveAudience());
        savedAudience.setId("broadcast-saved-audience");
        savedAudience.setItemLabelGenerator(a -> a.name() + " (" + a.describe() + ")");
        savedAudience.setItems(broadcasts.audiences());
        uploadHandler = new BoundedUpload(broadcasts.maxUploadBytes(),
                "The file is larger than " + broadcasts.maxUploadBytes() / 1024 + " KB: split it.",
                (name, data) -> getUI().ifPresent(ui -> ui.access(() -> received(name, data))),
                refusal -> getUI().ifPresent(ui -> ui.access(() -> say.accept(refusal))));
        upload = new Upload(uploadHandler);
        upload.setId("broadcast-upload");
        upload.setAcceptedFileTypes(".csv", "text/csv", ".txt");
        upload.setMaxFiles(1);
        upload.setMaxFileSize((int) Math.min(Integer.MAX_VALUE, broadcasts.maxUploadBytes()));
        uploaded.setId("broadcast-uploaded");

        kind.addValueChangeListener(e -> showFields());
        showFields();
        add(kind, new HorizontalLayout(bornFrom, bornTo), list, new HorizontalLayout(visitFrom, visitTo),
                new HorizontalLayout(audienceName, saveAudience), savedAudience, tag, upload, uploaded);
    }

    private void showFields() {
        String chosen = kind.getValue();
        boolean born = BORN.equals(chosen);
        bornFrom.setVisible(born);
        bornTo.setVisible(born);
        list.setVisible(IN_LIST.equals(chosen));
        visitFrom.setVisible(VISITED.equals(chosen));
        visitTo.setVisible(VISITED.equals(chosen));
        boolean search = born || IN_LIST.equals(chosen) || VISITED.equals(chosen);
        audienceName.setVisible(search);
        saveAudience.setVisible(search);
        savedAudience.setVisible(SAVED.equals(chosen));
        tag.setVisible(TAGGED.equals(chosen));
        upload.setVisible(FILE.equals(chosen));
        uploaded.setVisible(FILE.equals(chosen));
    }

    /** A CSV within the limit arrived (in the UI, with its lock). */
    void received(String name, byte[] data) {
        this.file = data;
        this.fileName = name;
        uploaded.setText("Ready: " + name + " (" + data.length / 1024 + " KB).");
        say.accept("");
    }

    /**
     * The audience as chosen.
     *
     * @throws IllegalArgumentException naming what is missing (the file, the tag, the list, the saved audience)
     */
    AudienceChoice chosen() {
        return switch (kind.getValue()) {
            case FILE -> {
                if (file == null) {
                    throw new IllegalArgumentException("Upload the CSV of MRNs or cell numbers first.");
                }
                yield new AudienceChoice.Uploaded(fileName, file);
            }
            case TAGGED -> {
                if (tag.getValue() == null) {
                    throw new IllegalArgumentException("Choose the tag whose patients get it.");
                }
                yield new AudienceChoice.Tagged(tag.getValue().id());
            }
            case IN_LIST -> {
                if (list.getValue() == null) {
                    throw new IllegalArgumentException("Choose the list whose patients get it.");
                }
                yield new AudienceChoice.InList(list.getValue().id());
            }
            case VISITED -> new AudienceChoice.LastVisitBetween(visitFrom.getValue(), visitTo.getValue());
            case SAVED -> {
                if (savedAudience.getValue() == null) {
                    throw new IllegalArgumentException("Choose a saved audience.");
                }
                yield new AudienceChoice.Saved(savedAudience.getValue().id());
            }
            default -> new AudienceChoice.BornBetween(bornFrom.getValue(), bornTo.getValue());
        };
    }

    private void saveAudience() {
        try {
            SavedAudience saved = broadcasts.saveAudience(currentStaff.get(), audienceName.getValue(), chosen());
            savedAudience.setItems(broadcasts.audiences());
            say.accept("Saved the audience " + saved.name() + ".");
        } catch (IllegalArgumentException refused) {
            say.accept(refused.getMessage());
        }
    }
}

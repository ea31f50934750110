package org.parley.inbox.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.doReturn;

import com.github.mvysny.kaributesting.v10.UploadKt;
import com.vaadin.flow.component.ComponentUtil;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Image;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.upload.FileRejectedEvent;
import java.awt.Color;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.parley.attachment.ReplyAttachments;
import org.parley.conversation.ConversationService;
import org.parley.conversation.Direction;
import org.parley.conversation.MessageView;
import org.parley.conversation.Replies;
import org.parley.conversation.media.MediaInfo;
import org.parley.inbox.InboxFixtures;
import org.parley.inbox.InboxService;
import org.parley.line.LineGateway;
import org.parley.plugin.Capability;
import org.parley.plugin.ProviderDescriptor;
import org.parley.security.StaffDirectory;
import org.parley.security.StaffMember;
import org.parley.testsupport.KaribuTest;
import org.parley.testsupport.TestFiles;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;

/** What staff see when they attach a picture or file to a reply, before and after sending. */
@SpringBootTest(properties = {"spring.datasource.url=jdbc:h2:mem:attachment-picker;DB_CLOSE_DELAY=-1",
        "parley.plugins.dir=${parley.test.plugins-dir}",
        "parley.attachments.max-bytes=51200",
        "parley.lines[0].id=sandbox", "parley.lines[0].name=Sandbox line", "parley.lines[0].provider=sandbox",
        "parley.lines[0].number=+15555550100",
        "parley.lines[1].id=texts-only", "parley.lines[1].name=Texts only", "parley.lines[1].provider=sandbox",
        "parley.lines[1].number=+15555550111"})
class AttachmentPickerTest extends KaribuTest {

    @Autowired
    StaffDirectory directory;
    @Autowired
    InboxFixtures inbox;
    @Autowired
    ConversationService conversations;

    @Autowired
    Replies replies;
    @Autowired
    InboxService inboxViews;
    /** The "texts-only" line's provider is made to lack MMS; every provider here has it. */
    @MockitoSpyBean
    LineGateway gateway;

    private StaffMember admin;

    @BeforeEach
    void loggedIn() {
        if (!directory.hasAnyUser()) {
            directory.createFirstAdmin("admin", "Ada Admin", "a long enough password");
        }
        admin = directory.findByUsername("admin").orElseThrow();
        loginAs("admin", "ADMIN");
        ProviderDescriptor sandbox = gateway.descriptor("sandbox").orElseThrow();
        doReturn(Optional.of(new ProviderDescriptor(sandbox.id(), sandbox.name(), sandbox.helpText(),
                sandbox.properties(), Set.of(Capability.SMS), sandbox.webhookEvents(), sandbox.maxTextLength())))
                .when(gateway).descriptor("texts-only");
    }

    private long openConversation(String lineId, String number) {
        String text = "Here is the form " + UUID.randomUUID();
        inbox.patientTexts(lineId, UUID.randomUUID().toString(), number, text);
        long id = inboxViews.openConversations(admin, 0, 100).stream().filter(row -> row.preview().equals(text))
                .findFirst().orElseThrow().id();
        UI.getCurrent().navigate("inbox/" + id);
        return id;
    }

    private static AttachmentPicker picker() {
        return _get(AttachmentPicker.class);
    }

    private static Button send() {
        return _get(Button.class, spec -> spec.withId("send"));
    }

    @Test
    void aChosenPictureShowsItsNameAndAThumbnailBeforeSendingAndGoesOutWithTheReply() {
        long id = openConversation("sandbox", "+19292058001");
        AttachmentPicker picker = picker();
        assertThat(send().isEnabled()).isFalse();

        UploadKt._upload(picker.upload, "rash on arm.png", "image/png", TestFiles.picture("png", Color.RED));

        assertThat(_find(picker.chosen, Span.class, spec -> spec.withClasses("attachment-name")))
                .extracting(Span::getText).containsExactly("rash on arm.png");
        assertThat(_get(picker.chosen, Image.class).getAlt()).contains("Preview of rash on arm.png");
        assertThat(picker.problem.getText()).isEmpty();
        assertThat(picker.upload.isEnabled()).as("one file per reply by default").isFalse();
        assertThat(send().isEnabled()).as("a picture alone may be sent").isTrue();

        _click(send());

        MessageView sent = conversations.thread(id, 0, 50).stream()
                .filter(m -> m.direction() == Direction.OUTBOUND).findFirst().orElseThrow();
        assertThat(sent.media()).extracting(MediaInfo::fileName, MediaInfo::contentType)
                .containsExactly(Tuple.tuple("rash on arm.png", "image/png"));
        assertThat(_find(_get(InboxView.class).panel.thread, Image.class))
                .anyMatch(image -> image.getAlt().orElse("").equals("Picture sent to the patient"));
        assertThat(picker.chosen()).isEmpty();
        assertThat(picker.chosen.isVisible()).isFalse();
        assertThat(picker.upload.isEnabled()).isTrue();
    }

    @Test
    void aChosenFileCanBeRemovedBeforeSending() {
        openConversation("sandbox", "+19292058002");
        AttachmentPicker picker = picker();
        UploadKt._upload(picker.upload, "referral.pdf", "application/pdf", TestFiles.pdf());
        assertThat(_find(picker.chosen, Image.class)).as("no thumbnail for a document").isEmpty();

        _click(_get(picker.chosen, Button.class, spec -> spec.withClasses("remove-attachment")));

        assertThat(picker.chosen()).isEmpty();
        assertThat(send().isEnabled()).isFalse();
    }

    @Test
    void aFileTooLargeOrNotWhatItsNameSaysIsRefusedWithTheReason() {
        openConversation("sandbox", "+19292058003");
        AttachmentPicker picker = picker();
        byte[] large = new byte[60_000];
        System.arraycopy(TestFiles.pdf(), 0, large, 0, TestFiles.pdf().length);

        UploadKt._upload(picker.upload, "big scan.pdf", "application/pdf", large);
        assertThat(picker.problem.getText())
                .isEqualTo("big scan.pdf: The file is 59 KB; an attachment can be at most 50 KB.");

        UploadKt._upload(picker.upload, "photo.jpg", "image/jpeg", TestFiles.pdf());
        assertThat(picker.problem.getText()).isEqualTo("photo.jpg: Its name says a JPEG picture but its content is "
                + "a PDF document, so it was not attached.");

        UploadKt._upload(picker.upload, "invoice.exe", "application/octet-stream", TestFiles.windowsProgram());
        assertThat(picker.problem.getText()).isEqualTo("invoice.exe: It is a Windows program. Attach a JPEG picture, "
                + "a PNG picture, a GIF picture or a PDF document.");
        assertThat(picker.chosen()).isEmpty();
        assertThat(send().isEnabled()).isFalse();

        // The browser refuses an oversized file before uploading it, in the same words.
        assertThat(picker.upload.getI18n().getError().getFileIsTooBig())
                .isEqualTo("The file is larger than 50 KB, the most an attachment can be.");
        ComponentUtil.fireEvent(picker.upload, new FileRejectedEvent(picker.upload,
                picker.upload.getI18n().getError().getFileIsTooBig(), "huge.png"));
        assertThat(picker.problem.getText()).isEqualTo("huge.png: The file is larger than 50 KB, the most an "
                + "attachment can be.");
    }

    @Test
    void onALineWhoseProviderCannotSendPicturesAttachingIsDisabledAndSaysWhy() {
        long id = openConversation("texts-only", "+19292058004");
        AttachmentPicker picker = picker();

        assertThat(picker.upload.isEnabled()).isFalse();
        assertThat(picker.unavailable.isVisible()).isTrue();
        assertThat(picker.unavailable.getText()).isEqualTo("This line's provider cannot send pictures or files.");

        var picture = context.getBean(ReplyAttachments.class).check("x.png", TestFiles.picture("png", Color.GREEN));
        assertThatThrownBy(() -> replies.reply(admin, id, "", List.of(picture)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage(ReplyAttachments.NO_MMS);
    }
}

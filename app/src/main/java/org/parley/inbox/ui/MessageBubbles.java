package org.parley.inbox.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Image;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.dom.Element;
import com.vaadin.flow.server.streams.DownloadHandler;
import java.time.Clock;
import java.util.function.Function;
import org.parley.attachment.ui.AttachmentDownload;
import org.parley.conversation.ConversationService;
import org.parley.conversation.Direction;
import org.parley.conversation.MessageView;
import org.parley.conversation.media.MediaInfo;

/** Draws one message of the thread as its bubble: text, pictures and files, voicemail, notes with their mentions. */
class MessageBubbles {

    private final ConversationService conversations;
    private final Clock clock;
    private final ScheduledSend scheduling;
    private final Function<MessageView, Div> actions;

    /** {@code actions} draws the row of actions under a message. */
    MessageBubbles(ConversationService conversations, Clock clock, ScheduledSend scheduling,
                   Function<MessageView, Div> actions) {
        this.conversations = conversations;
        this.clock = clock;
        this.scheduling = scheduling;
        this.actions = actions;
    }

    /** {@code callerType} describes the caller's number for voicemails (looked up once per drawing of the thread). */
    Div bubble(MessageView message, String callerType) {
        if (message.direction() == Direction.SYSTEM) {
            Span when = new Span(" · " + TimeFormat.of(message.createdAt(), clock));
            when.addClassName("when");
            Div line = new Div(new Span(message.body()), when);
            line.addClassNames("bubble", "system");
            line.getElement().setAttribute("data-message", String.valueOf(message.id()));
            return line;
        }
        if (message.deleted()) {
            Div line = new Div(new Span("Message deleted by " + message.deletion().byName() + " at "
                    + TimeFormat.of(message.deletion().at(), clock)));
            line.addClassNames("bubble", "system", "deleted");
            line.getElement().setAttribute("data-message", String.valueOf(message.id()));
            return line;
        }
        if (message.direction() == Direction.VOICEMAIL) {
            return voicemail(message, callerType);
        }
        Div bubble = new Div();
        bubble.addClassName("bubble");
        bubble.addClassName(message.direction() == Direction.INBOUND ? "inbound"
                : message.direction() == Direction.NOTE ? "note" : "outbound");
        bubble.getElement().setAttribute("data-message", String.valueOf(message.id()));
        for (MediaInfo media : message.media()) {
            bubble.add(attachment(media, message.direction()));
        }
        Span text = new Span(message.body());
        text.addClassName("text");
        bubble.add(text);
        Span meta = new Span();
        meta.addClassName("meta");
        String when = TimeFormat.of(message.createdAt(), clock);
        if (message.direction() == Direction.OUTBOUND) {
            Span status = new Span(message.status().label()
                    + (message.statusReason() != null && message.status().isProblem() ? ": " + message.statusReason() : ""));
            status.addClassName("status");
            status.addClassName("status-" + message.status().name().toLowerCase());
            String author = message.authorName() == null ? "Parley (automatic reply)" : message.authorName();
            meta.add(new Span(author + " · " + when + " · "), status);
            scheduling.line(message).ifPresent(bubble::add);
        } else if (message.direction() == Direction.NOTE) {
            meta.setText("Internal note · " + message.authorName() + " · " + when);
            if (!message.mentions().isEmpty()) {
                bubble.add(mentions(message));
            }
        } else {
            meta.setText(when);
        }
        bubble.add(meta);
        bubble.add(actions.apply(message));
        return bubble;
    }

    /** Who a note mentions, and whether (and when first) each has read it. */
    private Div mentions(MessageView message) {
        Div list = new Div();
        list.addClassName("mentions");
        for (MessageView.MentionView mention : message.mentions()) {
            Span one = new Span("@" + mention.name() + (mention.firstReadAt() == null ? " · not read yet"
                    : " · read " + TimeFormat.of(mention.firstReadAt(), clock)));
            one.addClassName(mention.firstReadAt() == null ? "mention-unread" : "mention-read");
            list.add(one);
        }
        return list;
    }

    /** A voicemail: internal to the team, with a player, the transcript marked as automatic, and the caller's line type. */
    private Div voicemail(MessageView message, String callerType) {
        Div bubble = new Div();
        bubble.addClassNames("bubble", "inbound", "voicemail");
        bubble.getElement().setAttribute("data-message", String.valueOf(message.id()));
        Span label = new Span("Voicemail · internal, never sent to the patient");
        label.addClassName("voicemail-label");
        bubble.add(label);
        for (MediaInfo media : message.media()) {
            if (media.tooLarge()) {
                bubble.add(attachment(media, message.direction()));
                continue;
            }
            Element audio = new Element("audio");
            audio.setAttribute("controls", true);
            audio.setAttribute("preload", "none");
            audio.setAttribute("src", download(media));
            Div player = new Div();
            player.addClassName("recording");
            player.getElement().appendChild(audio);
            bubble.add(player);
        }
        if (message.body().isBlank()) {
            Span pending = new Span(message.media().isEmpty() ? "The caller left no recording (yet)."
                    : "No transcription (yet): listen to the recording.");
            pending.addClassName("text");
            bubble.add(pending);
        } else {
            Span caution = new Span("Automatic transcription — listen before acting");
            caution.addClassName("transcript-label");
            Span transcript = new Span(message.body());
            transcript.addClassNames("text", "transcript");
            bubble.add(caution, transcript);
        }
        Span caller = new Span("Caller's number: " + callerType);
        caller.addClassName("caller-line-type");
        Span meta = new Span(TimeFormat.of(message.createdAt(), clock));
        meta.addClassName("meta");
        bubble.add(caller, meta, actions.apply(message));
        return bubble;
    }

    /** Pictures inline only when their content is one; anything else as a download that cannot act on Parley's origin. */
    private DownloadHandler download(MediaInfo media) {
        return new AttachmentDownload(() -> conversations.attachment(media.id()), media.contentType(), media.fileName());
    }

    private Component attachment(MediaInfo media, Direction direction) {
        if (media.isUnfetched()) {
            Span missing = new Span(media.isFetchPending()
                    ? "Picture or file could not be fetched from the provider yet — Parley keeps trying"
                    : "Picture or file could not be fetched from the provider");
            missing.addClassName("media-unfetched");
            return missing;
        }
        if (media.tooLarge()) {
            return new Span("Attachment too large to keep (" + media.contentType() + ", " + media.sizeBytes() + " bytes)");
        }
        String fileName = media.fileName() == null ? "attachment" : media.fileName();
        DownloadHandler handler = download(media);
        if (media.isImage()) {
            return new Image(handler, direction == Direction.OUTBOUND ? "Picture sent to the patient"
                    : "Picture from the patient");
        }
        return new Anchor(handler, "Download " + fileName);
    }
}

package org.parley.inbox.ui;

import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Image;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.server.streams.DownloadHandler;
import java.time.Clock;
import java.util.List;
import org.parley.conversation.ConversationHeader;
import org.parley.conversation.ConversationService;
import org.parley.conversation.Direction;
import org.parley.conversation.MediaInfo;
import org.parley.conversation.MessageView;
import org.parley.security.StaffMember;

/** One opened conversation: its header, its thread (newest page first, earlier on demand) and the reply box. */
class ConversationPanel extends VerticalLayout {

    static final int PAGE = 50;

    private final ConversationService conversations;
    private final org.parley.assignment.AssignmentService assignments;
    private final org.parley.lists.ListService lists;
    private final org.parley.security.StaffDirectory staff;
    private final org.parley.patient.ContactService contacts;
    private final StaffMember me;
    com.vaadin.flow.component.dialog.Dialog patientDialog;
    com.vaadin.flow.component.dialog.Dialog moveDialog;
    private final long conversationId;
    private final Clock clock;
    private final H2 name = new H2();
    private ConversationHeader header;
    private final boolean withOrganisation;
    private List<org.parley.patient.ContactSummary> family = List.of();
    private String callerType;
    final Div banner = new Div();
    final Span optOut = new Span();
    final Span textedVia = new Span();
    final Span numberType = new Span();
    final Div thread = new Div();
    final Button earlier = new Button("Show earlier messages");
    final TextArea reply = new TextArea();
    final Button send = new Button("Send");
    final Span replyError = new Span();
    /** Why the reply box is disabled and what to do instead: a disabled field shows no placeholder. */
    final Div replyBlocked = new Div();
    private final org.parley.plugin.LineType lineType;
    final AssignmentBar assignment;
    final NoteComposer noteComposer;
    final com.vaadin.flow.component.tabs.Tabs composerTabs = new com.vaadin.flow.component.tabs.Tabs();
    final com.vaadin.flow.component.tabs.Tab replyTab = new com.vaadin.flow.component.tabs.Tab("Reply to patient");
    final com.vaadin.flow.component.tabs.Tab noteTab = new com.vaadin.flow.component.tabs.Tab("Internal note");
    com.vaadin.flow.component.dialog.Dialog deleteDialog;
    /** Tools of the reply box (templates, attachments), shown with it. */
    final HorizontalLayout replyTools = new HorizontalLayout();
    final AttachmentPicker attachments;
    /** Scheduled send (issue 17): the Schedule button and each scheduled reply's line. */
    final ScheduledSend scheduling;
    private int shown = PAGE;
    /** Tells the inbox that the contact's name may have changed, so its list shows it at once. */
    private Runnable patientSaved = () -> { };
    /** The drawn messages' bubbles by message id. */
    private final java.util.Map<Long, Div> bubbles = new java.util.HashMap<>();
    /** The message opened from the bell, until something newer is written or arrives. */
    private Long shownMessageId;
    /** Copy to chart (issue 6): the selection, toolbar and each message's "In chart" line live in chart.ui. */
    final org.parley.chart.ui.ChartActions chart;

    ConversationPanel(ConversationService conversations, org.parley.assignment.AssignmentService assignments,
                      org.parley.lists.ListService lists, org.parley.security.StaffDirectory staff,
                      org.parley.patient.ContactService contacts, org.parley.template.TemplateService templates,
                      org.parley.attachment.ReplyAttachments replyAttachments, StaffMember me, long conversationId,
                      Clock clock, org.parley.chart.ui.CopyToChart copyToChart,
                      org.parley.conversation.ScheduledReplies scheduledReplies) {
        this.conversations = conversations;
        this.assignments = assignments;
        this.lists = lists;
        this.staff = staff;
        this.contacts = contacts;
        this.me = me;
        this.conversationId = conversationId;
        this.clock = clock;
        this.header = conversations.open(me, conversationId);
        this.chart = copyToChart.actionsFor(me, conversationId);
        this.withOrganisation = conversations.isWithOrganisation(conversationId);
        setSizeFull();
        setPadding(true);

        name.setText(header.contactName());
        name.setId("conversation-name");
        Span line = new Span("on " + header.lineName());
        line.addClassName("parley-hint");
        thread.addClassName("thread");
        thread.setId("thread");
        earlier.setId("show-earlier");
        earlier.addThemeVariants(ButtonVariant.TERTIARY);
        earlier.addClickListener(e -> {
            shown += PAGE;
            renderThread();
        });

        reply.setId("reply");
        reply.setWidthFull();
        reply.setValueChangeMode(ValueChangeMode.EAGER);
        reply.addValueChangeListener(e -> checkReply());
        send.setId("send");
        send.addThemeVariants(ButtonVariant.PRIMARY);
        send.setEnabled(false);
        send.addClickListener(e -> sendReply());
        send.addClickShortcut(Key.ENTER, com.vaadin.flow.component.KeyModifier.CONTROL);
        replyError.setId("reply-error");
        replyError.addClassName("parley-error");
        HorizontalLayout composer = new HorizontalLayout(reply, send);
        composer.setWidthFull();
        composer.setAlignItems(Alignment.END);
        composer.expand(reply);
        noteComposer = new NoteComposer(conversations, staff, me, conversationId, () -> {
            shownMessageId = null;
            renderThread();
        });
        noteComposer.setVisible(false);
        replyTab.setId("reply-tab");
        noteTab.setId("note-tab");
        composerTabs.add(replyTab, noteTab);
        composerTabs.addSelectedChangeListener(e -> {
            boolean note = composerTabs.getSelectedTab() == noteTab;
            composer.setVisible(!note);
            replyTools.setVisible(!note);
            replyError.setVisible(!note);
            replyBlocked.setVisible(!note && !header.canReply());
            noteComposer.setVisible(note);
        });
        assignment = new AssignmentBar(assignments, lists, staff, me, conversationId, () -> {
            header = conversations.header(conversationId);
            renderHeader();
            renderThread();
        });

        numberType.setId("number-type");
        numberType.addClassName("parley-hint");
        lineType = conversations.contactLineType(conversationId);
        replyBlocked.setId("reply-blocked");
        replyBlocked.addClassName("reply-blocked");
        textedVia.setId("texted-via");
        textedVia.addClassName("parley-hint");
        optOut.setId("opt-out-status");
        optOut.addClassName("opt-out");
        banner.setId("attention");
        banner.addClassName("attention-banner");
        Button editPatient = new Button("Patient details", e -> editPatient(name));
        editPatient.setId("edit-patient");
        editPatient.addThemeVariants(ButtonVariant.TERTIARY);
        HorizontalLayout title = new HorizontalLayout(name, line, numberType, textedVia, optOut, editPatient);
        title.setAlignItems(Alignment.BASELINE);
        title.setWrap(true);
        title.addClassName("conversation-title");
        attachments = new AttachmentPicker(replyAttachments, header.lineId(), this::checkReply);
        scheduling = new ScheduledSend(scheduledReplies, me, conversationId, reply, attachments, this::sent);
        composer.add(scheduling.schedule);
        // Templates in replies and in notes alike, filled in for this conversation's patient.
        replyTools.add(new org.parley.template.ui.TemplatePicker(templates, reply,
                () -> templates.context(header.contactId(), me)), attachments);
        noteComposer.addComponentAsFirst(new org.parley.template.ui.TemplatePicker(templates, noteComposer.note,
                () -> templates.context(header.contactId(), me)));
        // The tabs and the reply's tools share a line: on a 700 px high tablet every line is taken from the thread.
        HorizontalLayout composerBar = new HorizontalLayout(composerTabs, replyTools);
        composerBar.setWidthFull();
        composerBar.setWrap(true);
        composerBar.setAlignItems(Alignment.CENTER);
        composerBar.addClassName("composer-bar");
        add(title, assignment, banner, earlier, thread, composerBar, replyError, replyBlocked, composer, noteComposer);
        addComponentAtIndex(indexOf(banner) + 1, chart);
        setFlexGrow(1, thread);
        renderHeader();
        renderThread();
    }

    /** Opens the contact's profile; an unknown number becomes a patient when it is saved. */
    private void editPatient(H2 name) {
        org.parley.patient.PatientDetails details = contacts.details(me.username(), header.contactId()).orElse(null);
        org.parley.patient.ui.PatientForm form = new org.parley.patient.ui.PatientForm(details);
        com.vaadin.flow.component.dialog.Dialog dialog = new com.vaadin.flow.component.dialog.Dialog(form);
        dialog.setHeaderTitle("Patient");
        form.addCancelListener(e -> dialog.close());
        form.addSaveListener(e -> {
            try {
                contacts.updatePatient(me.username(), header.contactId(), e.details());
            } catch (org.parley.patient.NumberInUseException taken) {
                form.showError(org.parley.patient.ui.PatientMessages.numberInUse(taken));
                return;
            } catch (IllegalArgumentException invalid) {
                form.showError(invalid.getMessage());
                return;
            }
            dialog.close();
            header = conversations.header(conversationId);
            renderHeader();
            patientSaved.run();
        });
        patientDialog = dialog;
        dialog.open();
    }

    /** Shows what may change while the conversation is open: opt-out, flags, whether replies can go out. */
    private void renderHeader() {
        name.setText(header.contactName());   // a colleague may have named the patient meanwhile
        assignment.show(header);
        textedVia.setText(header.textedVia() == null ? "" : "Texts go to " + header.textedVia() + "'s phone");
        textedVia.setVisible(header.textedVia() != null);
        optOut.setText(header.optOut().optedOut()
                ? "Opted out of texts since " + TimeFormat.of(header.optOut().since(), clock) : "");
        optOut.setVisible(header.optOut().optedOut());
        banner.removeAll();
        banner.setVisible(header.attention() != null);
        if (header.attention() != null) {
            Span why = new Span(header.attentionReason());
            why.setId("attention-reason");
            Button handled = new Button("Mark handled", e -> {
                conversations.markHandled(me, conversationId);
                header = conversations.header(conversationId);
                renderHeader();
            });
            handled.setId("attention-handled");
            handled.addThemeVariants(ButtonVariant.TERTIARY);
            banner.add(why, handled);
        }
        reply.setEnabled(header.canReply());
        reply.setPlaceholder(header.canReply() ? "Write a reply to the patient" : header.whyNoReply());
        replyBlocked.setText(header.canReply() ? "" : whyNoReply());
        replyBlocked.setVisible(!header.canReply() && composerTabs.getSelectedTab() != noteTab);
        numberType.setText("Number: " + numberStatus());
        checkReply();
    }

    /** The reason replies are off, with what the person can do about it. */
    private String whyNoReply() {
        if (header.blockReason() == org.parley.compliance.SendingRules.Reason.OPTED_OUT) {
            String on = header.optOut().since() == null ? "" : " on " + TimeFormat.day(header.optOut().since(), clock);
            String source = header.optOut().source() == null ? "" : header.optOut().source();
            return source.startsWith("replied ")
                    ? "Patient " + source + on + " — they can text START to receive texts again."
                    : "Opted out of texts" + on + " (" + source + ") — the patient can text START to receive texts again.";
        }
        return header.whyNoReply();
    }

    /** The number's status in the header, in agreement with the reply box. */
    private String numberStatus() {
        if (header.blockReason() == null) {
            return org.parley.line.LineTypes.describe(lineType);
        }
        return switch (header.blockReason()) {
            case NO_NUMBER -> "no cell phone on file, cannot receive texts";
            case DO_NOT_TEXT -> "marked DO NOT TEXT, no texts";
            case OPTED_OUT -> "opted out of texts";
            case LANDLINE -> org.parley.line.LineTypes.describe(org.parley.plugin.LineType.LANDLINE);
        };
    }

    void onPatientSaved(Runnable listener) {
        this.patientSaved = listener;
    }

    long conversationId() {
        return conversationId;
    }

    /** Called when something changed in this conversation: shows it, and marks it seen. */
    void refresh(boolean inbound) {
        if (inbound) {
            conversations.markSeen(me, conversationId);
            shownMessageId = null;
        }
        header = conversations.header(conversationId);
        renderHeader();
        renderThread();
    }

    private void checkReply() {
        if (header == null) {
            return;
        }
        int length = reply.getValue().strip().length();
        if (length > header.maxTextLength()) {
            replyError.setText("Too long: " + length + " characters, the line accepts at most "
                    + header.maxTextLength() + ".");
            send.setEnabled(false);
        } else {
            replyError.setText("");
            send.setEnabled(header.canReply() && (length > 0 || attachments.hasFiles()));
        }
        reply.setHelperText(length > 0 ? length + " / " + header.maxTextLength() : null);
        if (scheduling != null) {
            scheduling.schedule.setEnabled(send.isEnabled()); // what may be sent now may be scheduled
        }
    }

    private void sendReply() {
        try {
            conversations.reply(me, conversationId, reply.getValue(), attachments.chosen());
        } catch (IllegalArgumentException | IllegalStateException e) {
            replyError.setText(e.getMessage());
            return;
        }
        reply.clear();
        attachments.clear();
        sent();
    }

    /** A reply was sent or scheduled (or a scheduled one changed): the thread shows it. */
    private void sent() {
        replyError.setText("");
        shownMessageId = null;
        renderThread();
    }

    private void renderThread() {
        List<MessageView> messages = conversations.thread(conversationId, 0, shown);
        // Looked up once per render, not once per message.
        family = messages.stream().anyMatch(m -> m.direction() == Direction.INBOUND
                || m.direction() == Direction.VOICEMAIL) ? conversations.familyElsewhere(conversationId) : List.of();
        callerType = messages.stream().anyMatch(m -> m.direction() == Direction.VOICEMAIL)
                ? org.parley.line.LineTypes.describe(conversations.contactLineType(conversationId)) : null;
        earlier.setVisible(conversations.countMessages(conversationId) > shown);
        thread.removeAll();
        chart.showing(messages);
        bubbles.clear();
        messages.forEach(m -> {
            Div bubble = bubble(m);
            bubbles.put(m.id(), bubble);
            if (shownMessageId != null && m.id() == shownMessageId) {
                bubble.addClassName("shown-message");
            }
            thread.add(chart.decorate(bubble, m));
        });
        // Stays at the message opened from the bell while the thread is redrawn (e.g. as its mention is read).
        scrollThread(shownMessageId);
    }

    /**
     * Shows the newest message, or {@code messageId}'s (a mentioning note) a third down the thread. Placed again
     * while the page settles (for about two seconds): a page opened by its link or reloaded lays the thread out after
     * this first runs, when the thread has no height of its own yet and every message fits.
     */
    private void scrollThread(Long messageId) {
        thread.getElement().executeJs("""
                const thread = this;
                const place = () => {
                    const target = $0 == null ? null : thread.querySelector('[data-message="' + $0 + '"]');
                    thread.scrollTop = target == null ? thread.scrollHeight
                        : target.getBoundingClientRect().top - thread.getBoundingClientRect().top + thread.scrollTop
                            - thread.clientHeight / 3;
                };
                place();
                requestAnimationFrame(place);
                if (thread.$settling) {
                    thread.$settling.disconnect();
                }
                const settling = new ResizeObserver(place);
                settling.observe(thread);
                thread.$settling = settling;
                setTimeout(() => settling.disconnect(), 2000);
                """, messageId == null ? null : String.valueOf(messageId));
    }

    /**
     * Shows a message (a mentioning note, when opened from the bell): earlier pages are drawn until it is among them,
     * it is marked, and the thread is scrolled to it.
     */
    void showMessage(long messageId) {
        long total = conversations.countMessages(conversationId);
        shownMessageId = messageId;
        while (!bubbles.containsKey(messageId) && shown < total) {
            shown += PAGE;
            renderThread();
        }
        if (bubbles.containsKey(messageId)) {
            renderThread();
        } else {
            shownMessageId = null;
        }
    }

    /** The message marked by {@link #showMessage}, if any. */
    java.util.Optional<Long> shownMessage() {
        return bubbles.entrySet().stream().filter(e -> e.getValue().hasClassName("shown-message"))
                .map(java.util.Map.Entry::getKey).findFirst();
    }

    private Div bubble(MessageView message) {
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
            return voicemail(message);
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
        bubble.add(messageActions(message));
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

    /** Copy the text in one click; delete one's own reply or note within the delete window. */
    private Div messageActions(MessageView message) {
        Div actions = new Div();
        actions.addClassName("message-actions");
        // Every action on a message in one row under it: move to a family member, copy to a patient, copy, delete.
        if (message.direction() == Direction.INBOUND || message.direction() == Direction.VOICEMAIL) {
            moveAction(message).ifPresent(actions::add);
        }
        if (message.direction() == Direction.INBOUND && withOrganisation) {
            actions.add(copyAction(message));
        }
        if (!message.body().isBlank()) {
            Button copy = new Button("Copy text");
            copy.addClassName("copy-text");
            copy.addThemeVariants(ButtonVariant.TERTIARY, ButtonVariant.SMALL);
            // Written by the browser in the click itself: the clipboard needs the user's gesture.
            copy.getElement().executeJs("this.addEventListener('click', () => navigator.clipboard.writeText($0)"
                    + ".catch(() => {}))", message.body());
            copy.addClickListener(e -> com.vaadin.flow.component.notification.Notification.show("Copied", 1500,
                    com.vaadin.flow.component.notification.Notification.Position.BOTTOM_START));
            actions.add(copy);
        }
        if (conversations.mayResend(message)) {
            // Only after the provider could not tell whether it has the message: staff check with the patient first.
            Button resend = new Button("Resend", e -> resend(message));
            resend.addClassName("resend-message");
            resend.addThemeVariants(ButtonVariant.TERTIARY, ButtonVariant.SMALL);
            actions.add(resend);
        }
        if (conversations.mayDelete(me, message)) {
            Button delete = new Button("Delete", e -> confirmDelete(message));
            delete.addClassName("delete-message");
            delete.addThemeVariants(ButtonVariant.TERTIARY, ButtonVariant.SMALL, ButtonVariant.ERROR);
            actions.add(delete);
        }
        return actions;
    }

    private void resend(MessageView message) {
        try {
            conversations.resend(me, message.id());
        } catch (IllegalArgumentException | IllegalStateException refused) {
            com.vaadin.flow.component.notification.Notification.show(refused.getMessage(), 5000,
                    com.vaadin.flow.component.notification.Notification.Position.MIDDLE);
            return;
        }
        renderThread();
    }

    private void confirmDelete(MessageView message) {
        com.vaadin.flow.component.dialog.Dialog dialog = new com.vaadin.flow.component.dialog.Dialog();
        dialog.setHeaderTitle(message.direction() == Direction.NOTE ? "Delete this note?" : "Delete this reply?");
        dialog.add(new Span(message.status() == org.parley.conversation.MessageStatus.QUEUED
                ? "It has not been sent yet: it will never be sent."
                : message.direction() == Direction.NOTE ? "The thread will say that you deleted it."
                : "It has already gone to the patient's phone; it is removed from Parley only."));
        Span error = new Span();
        error.addClassName("parley-error");
        dialog.add(error);
        Button confirm = new Button("Delete", e -> {
            try {
                conversations.deleteMessage(me, message.id());
            } catch (IllegalArgumentException e2) {
                error.setText(e2.getMessage());
                return;
            }
            dialog.close();
            renderThread();
        });
        confirm.setId("delete-confirm");
        confirm.addThemeVariants(ButtonVariant.PRIMARY, ButtonVariant.ERROR);
        Button cancel = new Button("Keep it", e -> dialog.close());
        dialog.getFooter().add(cancel, confirm);
        deleteDialog = dialog;
        dialog.open();
    }

    /** A voicemail: internal to the team, with a player, the transcript marked as automatic, and the caller's line type. */
    private Div voicemail(MessageView message) {
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
            com.vaadin.flow.dom.Element audio = new com.vaadin.flow.dom.Element("audio");
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
        Span caller = new Span("Caller's number: "
                + callerType);
        caller.addClassName("caller-line-type");
        Span meta = new Span(TimeFormat.of(message.createdAt(), clock));
        meta.addClassName("meta");
        bubble.add(caller, meta, messageActions(message));
        return bubble;
    }

    /** For a pharmacy's or lab's message: copy it into the patient's conversation it is about. */
    private Button copyAction(MessageView message) {
        Button copy = new Button("Copy to patient…", e -> {
            com.vaadin.flow.component.combobox.ComboBox<org.parley.patient.ContactSummary> patient =
                    new com.vaadin.flow.component.combobox.ComboBox<>("Patient");
            patient.setId("copy-to-patient");
            patient.setItems(query -> contacts.searchPatients(query.getFilter().orElse(""), query.getOffset(),
                    query.getLimit()).stream());
            patient.setItemLabelGenerator(p -> p.displayName()
                    + (p.dateOfBirth() == null ? "" : " (" + p.dateOfBirth() + ")"));
            com.vaadin.flow.component.dialog.Dialog dialog = new com.vaadin.flow.component.dialog.Dialog(patient);
            dialog.setHeaderTitle("Copy this message into a patient's conversation");
            Button confirm = new Button("Copy", click -> {
                if (patient.getValue() != null) {
                    conversations.copyToPatient(me, message.id(), patient.getValue().id());
                    dialog.close();
                    renderThread();
                }
            });
            confirm.setId("copy-confirm");
            dialog.getFooter().add(confirm);
            moveDialog = dialog;
            dialog.open();
        });
        copy.addClassName("copy-to-patient");
        copy.addThemeVariants(ButtonVariant.TERTIARY, ButtonVariant.SMALL);
        return copy;
    }

    /** For a family sharing a number: move a patient's message to the family member it is about. */
    private java.util.Optional<Button> moveAction(MessageView message) {
        if (family.isEmpty()) {
            return java.util.Optional.empty();
        }
        Button move = new Button("Move to…", e -> {
            com.vaadin.flow.component.combobox.ComboBox<org.parley.patient.ContactSummary> member =
                    new com.vaadin.flow.component.combobox.ComboBox<>("Family member");
            member.setId("move-to-member");
            member.setItems(family);
            member.setItemLabelGenerator(org.parley.patient.ContactSummary::displayName);
            com.vaadin.flow.component.dialog.Dialog dialog = new com.vaadin.flow.component.dialog.Dialog(member);
            dialog.setHeaderTitle("Move this message to");
            Button confirm = new Button("Move", click -> {
                if (member.getValue() != null) {
                    conversations.moveMessage(me, message.id(), member.getValue().id());
                    dialog.close();
                    renderThread();
                }
            });
            confirm.setId("move-confirm");
            dialog.getFooter().add(confirm);
            moveDialog = dialog;
            dialog.open();
        });
        move.addClassName("move-message");
        move.addThemeVariants(ButtonVariant.TERTIARY, ButtonVariant.SMALL);
        move.getElement().setAttribute("data-message", String.valueOf(message.id()));
        return java.util.Optional.of(move);
    }

    /** Pictures inline only when their content is one; anything else as a download that cannot act on Parley's origin. */
    private DownloadHandler download(MediaInfo media) {
        return new org.parley.attachment.ui.AttachmentDownload(() -> conversations.attachment(media.id()),
                media.contentType(), media.fileName());
    }

    private com.vaadin.flow.component.Component attachment(MediaInfo media, Direction direction) {
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

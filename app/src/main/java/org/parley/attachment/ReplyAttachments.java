package org.parley.attachment;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import org.parley.line.LineGateway;
import org.parley.plugin.Capability;
import org.parley.plugin.ProviderDescriptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;

/**
 * What may go with a reply: a file's real type read from its content (never from its name), the configured types
 * and size, how many per reply, and whether the conversation's line can send pictures or files at all.
 *
 * <p>Messages say what is wrong without naming the file: a file name may carry a patient's name, and exception
 * messages can reach logs. The screen shows the name next to the message.
 */
@Service
public class ReplyAttachments {

    /** Shown before sending when the line's provider has no MMS. */
    public static final String NO_MMS = "This line's provider cannot send pictures or files.";

    private final LineGateway gateway;
    private final long maxBytes;
    private final List<FileKind> allowed;
    private final int maxFiles;

    @Autowired
    ReplyAttachments(LineGateway gateway, AttachmentSettings settings) {
        this(gateway, settings.maxBytes(), settings.types(), settings.maxFiles());
    }

    ReplyAttachments(LineGateway gateway, long maxBytes, List<String> types, int maxFiles) {
        this.gateway = gateway;
        if (maxBytes <= 0 || maxFiles <= 0) {
            throw new IllegalStateException("parley.attachments.max-bytes and parley.attachments.max-files must be "
                    + "positive");
        }
        this.maxBytes = maxBytes;
        this.maxFiles = maxFiles;
        this.allowed = types.stream().map(String::strip).filter(type -> !type.isEmpty()).map(type -> FileKind.sentAs(type)
                .orElseThrow(() -> new IllegalStateException("parley.attachments.types: Parley cannot recognise '"
                        + type + "' by its content; it knows " + Arrays.stream(FileKind.values())
                        .map(FileKind::contentType).filter(t -> t != null).collect(Collectors.joining(", ")))))
                .distinct().toList();
        if (allowed.isEmpty()) {
            throw new IllegalStateException("parley.attachments.types names no type");
        }
    }

    /**
     * Reads what a chosen file really is and whether it may be sent.
     *
     * @throws IllegalArgumentException saying why not: empty, too large, a type not allowed, or content that is not
     *                                  what its name says (a ".jpg" that is a PDF or a program)
     */
    public Attachment check(String fileName, byte[] data) {
        if (data == null || data.length == 0) {
            throw new IllegalArgumentException("The file is empty.");
        }
        if (data.length > maxBytes) {
            throw new IllegalArgumentException("The file is " + size(data.length) + "; an attachment can be at most "
                    + size(maxBytes) + ".");
        }
        String name = cleanName(fileName);
        FileKind kind = FileKind.of(data).orElseThrow(() -> new IllegalArgumentException(
                "Parley cannot tell from its content what kind of file it is. Attach " + allowedInWords() + "."));
        Optional<FileKind> claimed = FileKind.claimedBy(name);
        if (claimed.isPresent() && claimed.get() != kind) {
            throw new IllegalArgumentException("Its name says " + claimed.get().description() + " but its content is "
                    + kind.description() + ", so it was not attached.");
        }
        if (!allowed.contains(kind)) {
            throw new IllegalArgumentException("It is " + kind.description() + ". Attach " + allowedInWords() + ".");
        }
        return new Attachment(name, kind.contentType(), data);
    }

    /** Why files cannot be attached to a reply from a line (its provider has no MMS, or is not loaded), if so. */
    public Optional<String> whyNotPossible(String lineId) {
        return gateway.descriptor(lineId).map(this::whyNotPossible)
                .orElse(Optional.of("This line's provider plugin is not loaded: nothing can be sent."));
    }

    /** The most files one reply may carry. */
    public int maxFiles() {
        return maxFiles;
    }

    /** The largest file, in bytes. */
    public long maxBytes() {
        return maxBytes;
    }

    /** The MIME types and name endings a file chooser should offer (a convenience only: the content decides). */
    public List<String> chooserTypes() {
        List<String> types = new ArrayList<>();
        for (FileKind kind : allowed) {
            types.add(kind.contentType());
            kind.extensions().forEach(ending -> types.add("." + ending));
        }
        return types;
    }

    /** The limits in words, e.g. "a JPEG picture, a PNG picture, a GIF picture or a PDF document, up to 5 MB". */
    public String limitsInWords() {
        return allowedInWords() + ", up to " + size(maxBytes);
    }

    /** Refuses attachments the line cannot send, too many, or any that no longer pass {@link #check}. */
    public List<Attachment> checkSendable(ProviderDescriptor provider, List<Attachment> attachments) {
        if (attachments.isEmpty()) {
            return attachments;
        }
        whyNotPossible(provider).ifPresent(why -> {
            throw new IllegalStateException(why);
        });
        if (attachments.size() > maxFiles) {
            throw new IllegalArgumentException("A reply can carry at most " + files(maxFiles) + "; this one has "
                    + attachments.size() + ".");
        }
        return attachments.stream().map(a -> check(a.fileName(), a.data())).toList();
    }

    private Optional<String> whyNotPossible(ProviderDescriptor provider) {
        return provider.can(Capability.MMS) ? Optional.empty() : Optional.of(NO_MMS);
    }

    private String allowedInWords() {
        List<String> words = allowed.stream().map(FileKind::description).toList();
        return words.size() == 1 ? words.getFirst()
                : String.join(", ", words.subList(0, words.size() - 1)) + " or " + words.getLast();
    }

    /** "1 file", "3 files". */
    public static String files(int count) {
        return count == 1 ? "1 file" : count + " files";
    }

    /** 5 MB, 7.3 MB, 120 KB: binary units, as file managers show them. */
    public static String size(long bytes) {
        if (bytes >= 1024 * 1024) {
            double mb = bytes / (1024.0 * 1024.0);
            return (mb == Math.floor(mb) ? String.valueOf((long) mb) : String.format(Locale.ROOT, "%.1f", mb)) + " MB";
        }
        if (bytes >= 1024) {
            return Math.round(bytes / 1024.0) + " KB";
        }
        return bytes + " bytes";
    }

    /** The name without folders or control characters, at most 200 characters, keeping its ending. */
    static String cleanName(String fileName) {
        String name = fileName == null ? "" : fileName.replace('\\', '/');
        name = name.substring(name.lastIndexOf('/') + 1).replaceAll("\\p{Cntrl}", "").strip();
        if (name.isEmpty() || name.equals(".") || name.equals("..")) {
            return "attachment";
        }
        if (name.length() > 200) {
            int dot = name.lastIndexOf('.');
            String ending = dot > 0 && name.length() - dot <= 10 ? name.substring(dot) : "";
            name = name.substring(0, 200 - ending.length()) + ending;
        }
        return name;
    }
}

package org.parley.attachment;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Which media Parley draws inline, and as what type it serves the rest. Only what sniffs as JPEG, PNG, GIF, WebP or
 * HEIC by its first bytes is shown as a picture, whatever type a provider or a phone announced: an SVG (it can carry
 * script), or HTML announced as {@code image/png}, is offered as a download with a conservative type. Recordings keep
 * an {@code audio/*} or {@code video/*} type so the thread can play them; everything else is
 * {@code application/octet-stream}.
 */
public final class InlinePictures {

    private static final Set<FileKind> PICTURES = Set.of(FileKind.JPEG, FileKind.PNG, FileKind.GIF, FileKind.WEBP,
            FileKind.HEIC);
    private static final Set<String> INLINE_TYPES = Set.of("image/jpeg", "image/png", "image/gif", "image/webp",
            "image/heic");
    /** A plain MIME type, nothing a header could be split with. */
    private static final String MIME = "[a-z0-9][a-z0-9!#$&^_.+-]{0,58}/[a-z0-9][a-z0-9!#$&^_.+-]{0,58}";
    /** The type of anything served for download. */
    public static final String DOWNLOAD_TYPE = "application/octet-stream";
    /** The content security policy of a served attachment: opened as a document, it may load, run and reach nothing. */
    public static final String ATTACHMENT_POLICY = "default-src 'none'; sandbox";

    private InlinePictures() {
    }

    /** Whether a stored type is one Parley draws inline (intake stores the sniffed type of a picture). */
    public static boolean isInlineType(String contentType) {
        return contentType != null && INLINE_TYPES.contains(bare(contentType));
    }

    /** The picture type the content shows by its first bytes, if it is a picture Parley draws. */
    public static Optional<String> pictureType(byte[] content) {
        return FileKind.of(content).filter(PICTURES::contains).map(FileKind::contentType);
    }

    /**
     * The type to store for media that arrived with this announced type: the sniffed type of a picture; for content
     * announced as a drawable picture that is none, the download type (so it is never drawn); else the announced
     * type, when it is a plain MIME type.
     */
    public static String typeToKeep(String announced, byte[] content) {
        Optional<String> picture = pictureType(content);
        if (picture.isPresent()) {
            return picture.get();
        }
        String bare = announced == null ? "" : bare(announced);
        if (INLINE_TYPES.contains(bare) || !bare.matches(MIME)) {
            return DOWNLOAD_TYPE;
        }
        return bare;
    }

    /** An announced type as a plain MIME type (no parameters), or the download type when it is none. */
    public static String plainType(String announced) {
        String bare = announced == null ? "" : bare(announced);
        return bare.matches(MIME) ? bare : DOWNLOAD_TYPE;
    }

    /** The type to serve stored content as: a picture's sniffed type, a recording's type, else the download type. */
    public static String typeToServe(String stored, byte[] content) {
        Optional<String> picture = pictureType(content);
        if (picture.isPresent()) {
            return picture.get();
        }
        String bare = stored == null ? "" : bare(stored);
        return (bare.startsWith("audio/") || bare.startsWith("video/")) && bare.matches(MIME) ? bare : DOWNLOAD_TYPE;
    }

    /**
     * A file name safe in a {@code Content-Disposition} header and on any disk: no folders, no quotes or control
     * characters, letters, digits, dot, dash and underscore only, at most 100 characters.
     */
    public static String safeFileName(String name) {
        String base = name == null ? "" : name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
        String safe = base.replaceAll("[^A-Za-z0-9._-]", "_").replaceAll("^[.]+", "");
        if (safe.length() > 100) {
            safe = safe.substring(safe.length() - 100);
        }
        return safe.isBlank() || safe.matches("_+") ? "attachment" : safe;
    }

    private static String bare(String contentType) {
        int parameters = contentType.indexOf(';');
        return (parameters < 0 ? contentType : contentType.substring(0, parameters)).strip().toLowerCase(Locale.ROOT);
    }
}

package org.parley.attachment;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The kinds of file Parley recognises by their first bytes ("magic numbers"), never by their name: the pictures and
 * documents a practice may send, and the kinds it must refuse by name (programs, archives, scripts).
 */
public enum FileKind {

    JPEG("image/jpeg", "a JPEG picture", List.of("jpg", "jpeg", "jpe", "jfif")),
    PNG("image/png", "a PNG picture", List.of("png")),
    GIF("image/gif", "a GIF picture", List.of("gif")),
    WEBP("image/webp", "a WebP picture", List.of("webp")),
    HEIC("image/heic", "a HEIC picture (an iPhone photo)", List.of("heic", "heif")),
    PDF("application/pdf", "a PDF document", List.of("pdf")),
    WINDOWS_PROGRAM(null, "a Windows program", List.of("exe", "dll", "com", "scr", "msi", "sys", "cpl")),
    LINUX_PROGRAM(null, "a Linux program", List.of("elf", "so", "bin")),
    MAC_PROGRAM(null, "a Mac program", List.of("dylib", "app")),
    SCRIPT(null, "a script", List.of("sh", "bash", "pl", "py", "bat", "cmd", "ps1", "js", "vbs")),
    ARCHIVE(null, "an archive (ZIP, Office document or Java program)",
            List.of("zip", "jar", "apk", "docx", "xlsx", "pptx", "docm", "xlsm")),
    RAR(null, "a RAR archive", List.of("rar")),
    SEVEN_ZIP(null, "a 7-Zip archive", List.of("7z"));

    private final String contentType;
    private final String description;
    private final List<String> extensions;

    FileKind(String contentType, String description, List<String> extensions) {
        this.contentType = contentType;
        this.description = description;
        this.extensions = extensions;
    }

    /** The MIME type, or {@code null} for a kind Parley never sends. */
    String contentType() {
        return contentType;
    }

    /** In words, e.g. "a PDF document". */
    String description() {
        return description;
    }

    /** The usual name ending, e.g. {@code jpg}, or {@code bin}. */
    public String extension() {
        return extensions.isEmpty() ? "bin" : extensions.getFirst();
    }

    List<String> extensions() {
        return extensions;
    }

    /** What the content is, from its first bytes. */
    static Optional<FileKind> of(byte[] content) {
        if (content == null) {
            return Optional.empty();
        }
        if (startsWith(content, 0, 0xFF, 0xD8, 0xFF)) {
            return Optional.of(JPEG);
        }
        if (startsWith(content, 0, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
            return Optional.of(PNG);
        }
        if (startsWith(content, 0, "GIF87a") || startsWith(content, 0, "GIF89a")) {
            return Optional.of(GIF);
        }
        if (startsWith(content, 0, "RIFF") && startsWith(content, 8, "WEBP")) {
            return Optional.of(WEBP);
        }
        if (startsWith(content, 4, "ftyp") && content.length >= 12 && List.of("heic", "heix", "hevc", "heim", "heis",
                "mif1", "msf1").contains(new String(content, 8, 4, StandardCharsets.ISO_8859_1))) {
            return Optional.of(HEIC);
        }
        if (startsWith(content, 0, 'M', 'Z')) {
            return Optional.of(WINDOWS_PROGRAM);
        }
        if (startsWith(content, 0, 0x7F, 'E', 'L', 'F')) {
            return Optional.of(LINUX_PROGRAM);
        }
        if (startsWith(content, 0, 0xCF, 0xFA, 0xED, 0xFE) || startsWith(content, 0, 0xCE, 0xFA, 0xED, 0xFE)
                || startsWith(content, 0, 0xFE, 0xED, 0xFA, 0xCF) || startsWith(content, 0, 0xFE, 0xED, 0xFA, 0xCE)
                || startsWith(content, 0, 0xCA, 0xFE, 0xBA, 0xBE)) {
            return Optional.of(MAC_PROGRAM);
        }
        if (startsWith(content, 0, "#!")) {
            return Optional.of(SCRIPT);
        }
        if (startsWith(content, 0, 'P', 'K', 0x03, 0x04) || startsWith(content, 0, 'P', 'K', 0x05, 0x06)) {
            return Optional.of(ARCHIVE);
        }
        if (startsWith(content, 0, "Rar!")) {
            return Optional.of(RAR);
        }
        if (startsWith(content, 0, '7', 'z', 0xBC, 0xAF, 0x27, 0x1C)) {
            return Optional.of(SEVEN_ZIP);
        }
        // PDF readers accept the marker anywhere in the first kilobyte; so do we, or such a PDF would be refused.
        // Checked last, so a program that carries the marker early is still seen as the program it is.
        if (indexOf(content, "%PDF-".getBytes(StandardCharsets.ISO_8859_1), 1024) >= 0) {
            return Optional.of(PDF);
        }
        return Optional.empty();
    }

    /** The kind a file name claims to be by its ending, if Parley knows the ending. */
    static Optional<FileKind> claimedBy(String fileName) {
        if (fileName == null) {
            return Optional.empty();
        }
        int dot = fileName.lastIndexOf('.');
        if (dot < 0 || dot == fileName.length() - 1) {
            return Optional.empty();
        }
        String ending = fileName.substring(dot + 1).toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(kind -> kind.extensions.contains(ending)).findFirst();
    }

    /** The kind Parley sends with this MIME type. */
    public static Optional<FileKind> sentAs(String contentType) {
        String type = contentType == null ? "" : contentType.split(";")[0].strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(kind -> type.equals(kind.contentType)).findFirst();
    }

    private static boolean startsWith(byte[] content, int offset, int... expected) {
        if (content.length < offset + expected.length) {
            return false;
        }
        for (int i = 0; i < expected.length; i++) {
            if ((content[offset + i] & 0xFF) != expected[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean startsWith(byte[] content, int offset, String ascii) {
        return startsWith(content, offset, ascii.chars().toArray());
    }

    private static int indexOf(byte[] content, byte[] marker, int within) {
        int last = Math.min(content.length, within) - marker.length;
        for (int i = 0; i <= last; i++) {
            if (Arrays.equals(content, i, i + marker.length, marker, 0, marker.length)) {
                return i;
            }
        }
        return -1;
    }
}

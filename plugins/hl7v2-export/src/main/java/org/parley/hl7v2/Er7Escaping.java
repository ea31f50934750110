package org.parley.hl7v2;

import ca.uhn.hl7v2.parser.DefaultEscaping;
import ca.uhn.hl7v2.parser.EncodingCharacters;
import ca.uhn.hl7v2.parser.Escaping;

/**
 * Escapes every delimiter in a value, whatever follows it, and turns line breaks into {@code \.br\}.
 *
 * <p>HAPI's own escaping leaves a backslash alone when it starts something that looks like a formatting or hex
 * sequence ({@code \.br\}, {@code \H\}, {@code \X0D\}...), so a patient who typed {@code C:\Xrays\} would have
 * sent the EHR a hex escape. Here a typed backslash is always {@code \E\}, and the only formatting command in the
 * message is the line break this class writes itself. Control characters (among them MLLP's own frame bytes
 * 0x0B and 0x1C) become spaces; a tab stays. Reading (the EHR's ACK) uses HAPI's unescaping.
 */
final class Er7Escaping implements Escaping {

    static final String LINE_BREAK = "\\.br\\";

    private final Escaping unescaping = new DefaultEscaping();

    @Override
    public String escape(String text, EncodingCharacters encoding) {
        StringBuilder escaped = new StringBuilder(text.length() + 16);
        char escape = encoding.getEscapeCharacter();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == encoding.getFieldSeparator()) {
                escaped.append(escape).append('F').append(escape);
            } else if (c == encoding.getComponentSeparator()) {
                escaped.append(escape).append('S').append(escape);
            } else if (c == encoding.getSubcomponentSeparator()) {
                escaped.append(escape).append('T').append(escape);
            } else if (c == encoding.getRepetitionSeparator()) {
                escaped.append(escape).append('R').append(escape);
            } else if (c == escape) {
                escaped.append(escape).append('E').append(escape);
            } else if (c == '\r' || c == '\n' || c == '\u2028' || c == '\u2029') {
                escaped.append(LINE_BREAK);
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
            } else if (c != '\t' && Character.isISOControl(c)) {
                escaped.append(' ');
            } else {
                escaped.append(c);
            }
        }
        return escaped.toString();
    }

    @Override
    public String unescape(String text, EncodingCharacters encoding) {
        return unescaping.unescape(text, encoding);
    }
}

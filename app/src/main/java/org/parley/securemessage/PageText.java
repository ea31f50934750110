package org.parley.securemessage;

import java.util.Map;

/** The secure page's words in English and Spanish. */
final class PageText {

    private static final Map<String, String> EN = Map.ofEntries(
            Map.entry("title", "Secure message"),
            Map.entry("other", "Español"),
            Map.entry("otherLang", "es"),
            Map.entry("invalid", "This link does not open a message. Please check the text you received, or call "
                    + "your practice."),
            Map.entry("expired", "This link has expired. Please call your practice to have the message sent again."),
            Map.entry("locked", "This link is locked for a while because the date of birth was entered wrongly "
                    + "twice. Please try again in %d minutes, or call your practice."),
            Map.entry("busy", "Too many requests. Please wait a few minutes and try again."),
            Map.entry("intro", "You have a secure message. To read it, enter the patient's date of birth."),
            Map.entry("dob", "Date of birth"),
            Map.entry("dobHint", "For a child or someone in your care, enter their date of birth. Format: "
                    + "year-month-day, for example 1980-04-23."),
            Map.entry("wrong", "That date of birth does not match. One more wrong try locks this link for a while."),
            Map.entry("badDate", "Enter the date of birth as year-month-day, for example 1980-04-23."),
            Map.entry("continue", "Continue"),
            Map.entry("sentAt", "Sent %s"),
            Map.entry("files", "Attachments"),
            Map.entry("download", "Download"),
            Map.entry("answer", "Your answer"),
            Map.entry("answerHint", "Your answer goes to the practice's team. At most 2000 characters."),
            Map.entry("send", "Send answer"),
            Map.entry("sent", "Your answer was sent to the practice."),
            Map.entry("empty", "Write your answer first."),
            Map.entry("tooLong", "Your answer is too long or contains characters that cannot be sent: at most 2000 "
                    + "characters."),
            Map.entry("deleted", "This message was withdrawn by the practice."));

    private static final Map<String, String> ES = Map.ofEntries(
            Map.entry("title", "Mensaje seguro"),
            Map.entry("other", "English"),
            Map.entry("otherLang", "en"),
            Map.entry("invalid", "Este enlace no abre ningún mensaje. Revise el texto que recibió o llame a su "
                    + "consultorio."),
            Map.entry("expired", "Este enlace ha caducado. Llame a su consultorio para que le envíen el mensaje de "
                    + "nuevo."),
            Map.entry("locked", "Este enlace está bloqueado por un tiempo porque la fecha de nacimiento se escribió "
                    + "mal dos veces. Inténtelo de nuevo en %d minutos o llame a su consultorio."),
            Map.entry("busy", "Demasiadas solicitudes. Espere unos minutos e inténtelo de nuevo."),
            Map.entry("intro", "Tiene un mensaje seguro. Para leerlo, escriba la fecha de nacimiento del paciente."),
            Map.entry("dob", "Fecha de nacimiento"),
            Map.entry("dobHint", "Para un niño o una persona a su cargo, escriba su fecha de nacimiento. Formato: "
                    + "año-mes-día, por ejemplo 1980-04-23."),
            Map.entry("wrong", "La fecha de nacimiento no coincide. Un intento incorrecto más bloquea este enlace "
                    + "por un tiempo."),
            Map.entry("badDate", "Escriba la fecha de nacimiento como año-mes-día, por ejemplo 1980-04-23."),
            Map.entry("continue", "Continuar"),
            Map.entry("sentAt", "Enviado %s"),
            Map.entry("files", "Archivos adjuntos"),
            Map.entry("download", "Descargar"),
            Map.entry("answer", "Su respuesta"),
            Map.entry("answerHint", "Su respuesta llega al equipo del consultorio. Como máximo 2000 caracteres."),
            Map.entry("send", "Enviar respuesta"),
            Map.entry("sent", "Su respuesta fue enviada al consultorio."),
            Map.entry("empty", "Escriba primero su respuesta."),
            Map.entry("tooLong", "Su respuesta es demasiado larga o contiene caracteres que no se pueden enviar: "
                    + "como máximo 2000 caracteres."),
            Map.entry("deleted", "El consultorio retiró este mensaje."));

    private final Map<String, String> words;
    private final String language;

    private PageText(String language) {
        this.language = "es".equals(language) ? "es" : "en";
        this.words = "es".equals(this.language) ? ES : EN;
    }

    static PageText of(String language) {
        return new PageText(language);
    }

    String language() {
        return language;
    }

    String get(String key) {
        return words.get(key);
    }
}

package org.parley.notify;

import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;

/**
 * Whether IT set up e-mail. Spring Boot creates a mail sender only when {@code spring.mail.host} (or a JNDI mail
 * session) is configured, so its presence is the answer.
 */
@Component
class MailSetup {

    private final JavaMailSender sender;

    MailSetup(ObjectProvider<JavaMailSender> sender) {
        this.sender = sender.getIfAvailable();
    }

    boolean configured() {
        return sender != null;
    }

    Optional<JavaMailSender> sender() {
        return Optional.ofNullable(sender);
    }
}

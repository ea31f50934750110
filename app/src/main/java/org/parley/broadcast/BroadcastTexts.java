package org.parley.broadcast;

import org.parley.patient.ContactService;
import org.parley.security.StaffDirectory;
import org.parley.template.TemplateContext;
import org.parley.template.TemplateService;
import org.springframework.stereotype.Component;

/** A broadcast's text filled for one patient, as the admin who wrote it: for the preview and for sending alike. */
@Component
class BroadcastTexts {

    private final TemplateService templates;
    private final ContactService contacts;
    private final StaffDirectory staff;

    BroadcastTexts(TemplateService templates, ContactService contacts, StaffDirectory staff) {
        this.templates = templates;
        this.contacts = contacts;
        this.staff = staff;
    }

    String fill(String body, long contactId, long authorId) {
        TemplateContext context = staff.find(authorId).map(author -> templates.context(contactId, author))
                .orElseGet(() -> contacts.find(contactId)
                        .map(c -> new TemplateContext(c.firstName(), c.lastName(), null))
                        .orElseGet(() -> new TemplateContext(null, null, null)));
        return templates.fill(body, context);
    }
}

package org.parley.patient;

import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Finds the contact behind a number, creating an unknown contact for a number never seen. */
@Service
public class ContactService {

    private final ContactRepository contacts;
    private final Clock clock;

    ContactService(ContactRepository contacts, Clock clock) {
        this.contacts = contacts;
        this.clock = clock;
    }

    /** The contact who owns {@code e164}, or a new unknown contact for it. */
    @Transactional
    public ContactSummary findOrCreateByPhone(String e164) {
        List<Contact> found = contacts.findByPhoneNumberOrderByIdAsc(e164);
        if (!found.isEmpty()) {
            return found.get(0).summary();
        }
        return contacts.save(Contact.unknown(e164, clock.instant())).summary();
    }

    /** A contact by id. */
    @Transactional(readOnly = true)
    public Optional<ContactSummary> find(long id) {
        return contacts.findById(id).map(Contact::summary);
    }

    /** Several contacts by id, for a page of conversations. */
    @Transactional(readOnly = true)
    public Map<Long, ContactSummary> find(Collection<Long> ids) {
        return contacts.findAllById(ids).stream().map(Contact::summary)
                .collect(Collectors.toMap(ContactSummary::id, Function.identity()));
    }
}

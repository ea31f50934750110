package org.parley.template;

import java.time.Clock;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.stream.Collectors;
import org.parley.audit.AuditAction;
import org.parley.audit.AuditLog;
import org.parley.base.TypedText;
import org.parley.patient.ContactService;
import org.parley.patient.ContactSummary;
import org.parley.practice.PracticeProfiles;
import org.parley.security.StaffMember;
import org.springframework.data.domain.PageRequest;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Team-wide templates: admins create, change and delete them (the server refuses this to staff, and the audit log
 * records it); everyone finds them by name and fills them in for a conversation. Filling only makes text: a
 * template is never sent by itself.
 */
@Service
public class TemplateService {

    /** The longest template, in characters: what the providers here accept in one message. */
    public static final int MAX_BODY_LENGTH = 1600;
    static final int MAX_NAME_LENGTH = 100;

    private final TemplateRepository templates;
    private final ContactService contacts;
    private final AuditLog audit;
    private final Clock clock;
    private final PracticeProfiles practice;

    TemplateService(TemplateRepository templates, ContactService contacts, AuditLog audit, Clock clock,
                    PracticeProfiles practice) {
        this.templates = templates;
        this.contacts = contacts;
        this.audit = audit;
        this.clock = clock;
        this.practice = practice;
    }

    /** A page of templates whose name contains {@code filter} (any case), by name. */
    @Transactional(readOnly = true)
    public List<TemplateSummary> search(String filter, int offset, int limit) {
        if (limit <= 0) {
            return List.of();
        }
        return templates.findByNameContainingIgnoreCaseOrderByNameAscIdAsc(typed(filter),
                PageRequest.of(offset / limit, limit)).stream().map(Template::summary).toList();
    }

    /** How many templates' names contain {@code filter}. */
    @Transactional(readOnly = true)
    public long count(String filter) {
        return templates.countByNameContainingIgnoreCase(typed(filter));
    }

    /** One template. */
    @Transactional(readOnly = true)
    public Optional<TemplateSummary> find(long id) {
        return templates.findById(id).map(Template::summary);
    }

    /**
     * Creates a template (admins only).
     *
     * @throws IllegalArgumentException naming what is wrong: a missing name, a name in use, an unknown placeholder
     */
    @Transactional
    @PreAuthorize("hasRole('ADMIN')")
    public TemplateSummary create(StaffMember actor, String name, String body) {
        String checkedName = checkName(name, null);
        String checkedBody = checkBody(body);
        Template template = templates.save(new Template(checkedName, checkedBody, clock.instant()));
        audit.record(actor.username(), AuditAction.TEMPLATE_CREATED, "template", String.valueOf(template.getId()),
                null);
        return template.summary();
    }

    /**
     * Changes a template's name and body (admins only).
     *
     * @throws IllegalArgumentException naming what is wrong
     * @throws NoSuchElementException   when it was deleted meanwhile
     */
    @Transactional
    @PreAuthorize("hasRole('ADMIN')")
    public TemplateSummary update(StaffMember actor, long id, String name, String body) {
        Template template = templates.findById(id)
                .orElseThrow(() -> new NoSuchElementException("This template was deleted meanwhile."));
        template.change(checkName(name, id), checkBody(body), clock.instant());
        audit.record(actor.username(), AuditAction.TEMPLATE_CHANGED, "template", String.valueOf(id), null);
        return template.summary();
    }

    /** Deletes a template (admins only); replies already written with it keep their text. */
    @Transactional
    @PreAuthorize("hasRole('ADMIN')")
    public void delete(StaffMember actor, long id) {
        templates.findById(id).ifPresent(template -> {
            templates.delete(template);
            audit.record(actor.username(), AuditAction.TEMPLATE_DELETED, "template", String.valueOf(id), null);
        });
    }

    /**
     * What is wrong with a body's placeholders, in the words {@link #create} would refuse it with, or empty when
     * every placeholder is known (for a form that checks while the admin types).
     */
    public Optional<String> placeholderProblem(String body) {
        List<String> unknown = TemplateText.unknownPlaceholders(body);
        if (unknown.isEmpty()) {
            return Optional.empty();
        }
        String known = Arrays.stream(Placeholder.values()).map(Placeholder::token).collect(Collectors.joining(", "));
        return Optional.of((unknown.size() == 1 ? "Unknown placeholder " + unknown.getFirst()
                : "Unknown placeholders " + String.join(", ", unknown)) + ". Parley fills in " + known + ".");
    }

    /** The values for a template inserted into a conversation with {@code contactId} by {@code staff}. */
    @Transactional(readOnly = true)
    public TemplateContext context(long contactId, StaffMember staff) {
        Optional<ContactSummary> contact = contacts.find(contactId);
        return new TemplateContext(contact.map(ContactSummary::firstName).orElse(null),
                contact.map(ContactSummary::lastName).orElse(null), staff.displayName());
    }

    /** The template's text with its placeholders filled in; an unknown value is left as e.g. [patient first name]. */
    public String fill(TemplateSummary template, TemplateContext context) {
        return fill(template.body(), context);
    }

    /** A body filled in for a made-up patient, Maria Lopez, as the admin writing it would see it inserted. */
    public String preview(String body, String staffName) {
        return fill(body == null ? "" : body, new TemplateContext("Maria", "Lopez", staffName));
    }

    /** A body (a broadcast's text, not a stored template) with its placeholders filled in for {@code context}. */
    public String fill(String body, TemplateContext context) {
        Map<Placeholder, String> values = new EnumMap<>(Placeholder.class);
        values.put(Placeholder.PATIENT_FIRST_NAME, context.patientFirstName());
        values.put(Placeholder.PATIENT_LAST_NAME, context.patientLastName());
        values.put(Placeholder.PRACTICE_NAME, practice.name());
        values.put(Placeholder.STAFF_NAME, context.staffName());
        values.put(Placeholder.STAFF_FIRST_NAME, context.staffFirstName());
        return TemplateText.fill(body, values);
    }

    private String checkName(String name, Long id) {
        String checked = name == null ? "" : name.strip();
        if (checked.isEmpty()) {
            throw new IllegalArgumentException("Give the template a name staff will search for.");
        }
        if (checked.length() > MAX_NAME_LENGTH) {
            throw new IllegalArgumentException("The name has " + checked.length() + " characters; at most "
                    + MAX_NAME_LENGTH + ".");
        }
        TypedText.requireLine(checked, "template's name");
        templates.findFirstByNameIgnoreCase(checked).filter(other -> !other.getId().equals(id)).ifPresent(other -> {
            throw new IllegalArgumentException("There is already a template named '" + other.getName() + "'.");
        });
        return checked;
    }

    private String checkBody(String body) {
        String checked = body == null ? "" : body.strip();
        if (checked.isEmpty()) {
            throw new IllegalArgumentException("Write the template's text.");
        }
        if (checked.length() > MAX_BODY_LENGTH) {
            throw new IllegalArgumentException("The text has " + checked.length() + " characters; at most "
                    + MAX_BODY_LENGTH + ".");
        }
        TypedText.requireText(checked, "template's text");
        placeholderProblem(checked).ifPresent(problem -> {
            throw new IllegalArgumentException(problem);
        });
        return checked;
    }

    private static String typed(String filter) {
        return filter == null ? "" : filter.strip();
    }
}

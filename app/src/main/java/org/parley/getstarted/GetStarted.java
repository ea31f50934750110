package org.parley.getstarted;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.parley.audit.AuditAction;
import org.parley.audit.AuditLog;
import org.parley.conversation.ConversationService;
import org.parley.line.LineGateway;
import org.parley.line.LineService;
import org.parley.line.LineSnapshot;
import org.parley.lists.ListService;
import org.parley.patient.ContactService;
import org.parley.practice.PracticeProfiles;
import org.parley.provider.ProviderRegistry;
import org.parley.security.StaffDirectory;
import org.parley.security.StaffMember;
import org.parley.template.TemplateService;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The Get started checklist of a new practice: each step's state read from the data, and its dismissal. */
@Service
@PreAuthorize("hasRole('ADMIN')")
public class GetStarted {

    /**
     * One step: what to do, whether the data shows it done, and the page where it is done.
     *
     * @param id    a stable id ("practice", "colleagues", ...)
     * @param title what to do, e.g. "Add colleagues"
     * @param help  one sentence on how
     * @param done  whether the data says so
     * @param route the page's route, e.g. "admin/users"
     */
    public record Step(String id, String title, String help, boolean done, String route) {
    }

    /** A webhook URL to paste into a line's provider's console. */
    public record WebhookUrl(String lineName, String event, String url) {
    }

    private final PracticeProfiles practice;
    private final StaffDirectory staff;
    private final ListService lists;
    private final LineService lines;
    private final LineGateway gateway;
    private final ProviderRegistry providers;
    private final TemplateService templates;
    private final ContactService contacts;
    private final ConversationService conversations;
    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final Clock clock;

    GetStarted(PracticeProfiles practice, StaffDirectory staff, ListService lists, LineService lines,
               LineGateway gateway, ProviderRegistry providers, TemplateService templates, ContactService contacts,
               ConversationService conversations, JdbcClient jdbc, AuditLog audit, Clock clock) {
        this.practice = practice;
        this.staff = staff;
        this.lists = lists;
        this.lines = lines;
        this.gateway = gateway;
        this.providers = providers;
        this.templates = templates;
        this.contacts = contacts;
        this.conversations = conversations;
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
    }

    /** The steps in the order a new practice takes them. */
    @Transactional(readOnly = true)
    public List<Step> steps() {
        List<Step> steps = new ArrayList<>();
        steps.add(new Step("practice", "Name the practice and its time zone",
                "Patients see the name in automatic answers; days and office hours follow the time zone.",
                practice.current().set(), "admin/practice"));
        steps.add(new Step("colleagues", "Add colleagues",
                "Give each colleague an account of their own: staff, or admin for those who run Parley.",
                staff.accounts(0, 2).size() > 1, "admin/users"));
        steps.add(new Step("lists", "Create lists",
                "Lists are the team's shared inboxes, such as Front desk or Nurses.",
                !lists.teamLists().isEmpty(), "admin/lists"));
        steps.add(new Step("line", "Connect a line",
                "Add your provider's number and paste the webhook URLs below into the provider's console.",
                !lines.all().isEmpty(), "admin/lines"));
        steps.add(new Step("templates", "Write templates",
                "Replies the team sends often, with placeholders such as the patient's name.",
                templates.count("") > 0, "admin/templates"));
        steps.add(new Step("patients", "Import patients",
                "Import a CSV file from your practice management system, or add patients one by one.",
                contacts.countPatients("") > 0, "patients"));
        steps.add(new Step("test-message", "Send a test message",
                "Text the simulator's phone (Patient phone) or your own mobile through the real line.",
                conversations.anyTextSent(), "patient-phone"));
        return steps;
    }

    /** The webhook URLs of every line, for the provider's console. */
    @Transactional(readOnly = true)
    public List<WebhookUrl> webhookUrls() {
        List<WebhookUrl> urls = new ArrayList<>();
        for (LineSnapshot line : lines.all()) {
            providers.provider(line.providerId()).ifPresent(p -> p.descriptor().webhookEvents().forEach(event ->
                    urls.add(new WebhookUrl(line.name(), event, gateway.webhookUrl(line.id(), event).toString()))));
        }
        return urls;
    }

    /** Whether an admin dismissed the checklist for the practice. */
    @Transactional(readOnly = true)
    public boolean dismissed() {
        return jdbc.sql("select count(*) from get_started_dismissal").query(Long.class).single() > 0;
    }

    /** Whether an admin opening the start page should land on the checklist: not dismissed, and a step not done. */
    @Transactional(readOnly = true)
    public boolean stillToDo() {
        return !dismissed() && steps().stream().anyMatch(step -> !step.done());
    }

    /** Dismisses the checklist for the whole practice (audited); dismissing it again changes nothing. */
    @Transactional
    public void dismiss(StaffMember actor) {
        // a colleague's dismissal a moment earlier inserts nothing here (one row at most: its key is 1)
        int inserted = jdbc.sql("insert into get_started_dismissal (id, dismissed_at, dismissed_by) select 1, ?, ? "
                        + "where not exists (select 1 from get_started_dismissal)")
                .params(Timestamp.from(clock.instant()), actor.username()).update();
        if (inserted == 0) {
            return;
        }
        audit.record(actor.username(), AuditAction.GET_STARTED_DISMISSED, null, null, null);
    }
}

package org.parley.hours.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.component.timepicker.TimePicker;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.format.TextStyle;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.parley.hours.ClosedDay;
import org.parley.hours.LineHours;
import org.parley.hours.OfficeHours;
import org.parley.line.LineService;
import org.parley.line.LineSnapshot;
import org.parley.practice.PracticeProfiles;
import org.parley.security.web.CurrentStaff;

/**
 * Admins set each line's weekly office hours, its closed days and the texts patients get outside them. Times are the
 * practice's (its time zone is on the Practice page); a day left blank is closed.
 */
@Route("admin/office-hours")
@PageTitle("Office hours | Parley")
@Menu(title = "Office hours", order = 91)
@RolesAllowed("ADMIN")
class OfficeHoursView extends VerticalLayout {

    private final OfficeHours officeHours;
    private final CurrentStaff currentStaff;

    final ComboBox<LineSnapshot> line = new ComboBox<>("Line");
    final Map<DayOfWeek, TimePicker> opens = new EnumMap<>(DayOfWeek.class);
    final Map<DayOfWeek, TimePicker> closes = new EnumMap<>(DayOfWeek.class);
    final TextArea replyText = new TextArea("After-hours reply");
    final TextArea closedDayText = new TextArea("Reply on closed days (optional)");
    final Button save = new Button("Save office hours");
    final Span message = new Span();

    final DatePicker closedOn = new DatePicker("Closed on");
    final TextField closedName = new TextField("Name");
    final Button addClosedDay = new Button("Add closed day");
    final Span closedDayMessage = new Span();
    final Grid<ClosedDay> closedDays = new Grid<>();

    OfficeHoursView(OfficeHours officeHours, LineService lines, PracticeProfiles practice, CurrentStaff currentStaff) {
        this.officeHours = officeHours;
        this.currentStaff = currentStaff;
        line.setItems(lines.all());
        line.setItemLabelGenerator(l -> l.name() + " (" + l.number() + ")");
        line.setId("office-hours-line");
        line.addValueChangeListener(e -> show(e.getValue()));

        VerticalLayout week = new VerticalLayout();
        week.setPadding(false);
        for (DayOfWeek day : DayOfWeek.values()) {
            String name = day.getDisplayName(TextStyle.FULL, Locale.US);
            TimePicker open = new TimePicker(name + " opens");
            TimePicker close = new TimePicker(name + " closes");
            open.setStep(Duration.ofMinutes(15));
            close.setStep(Duration.ofMinutes(15));
            open.setClearButtonVisible(true);
            close.setClearButtonVisible(true);
            opens.put(day, open);
            closes.put(day, close);
            week.add(new HorizontalLayout(open, close));
        }
        replyText.setPlaceholder("We are closed; we answer from 8 am. If this is an emergency, call 911.");
        replyText.setHelperText("Sent once per patient per period outside office hours; blank: no reply");
        replyText.setMaxLength(640);
        replyText.setWidthFull();
        closedDayText.setHelperText("Sent instead on a closed day below; blank: the after-hours reply");
        closedDayText.setMaxLength(640);
        closedDayText.setWidthFull();
        save.setId("office-hours-save");
        save.addThemeVariants(ButtonVariant.PRIMARY);
        save.addClickListener(e -> save());
        message.setId("office-hours-message");

        closedName.setMaxLength(80);
        closedName.setPlaceholder("Thanksgiving");
        addClosedDay.setId("closed-day-add");
        addClosedDay.addClickListener(e -> addClosedDay());
        closedDayMessage.setId("closed-day-message");
        closedDays.setId("closed-days");
        closedDays.addColumn(ClosedDay::date).setHeader("Date").setAutoWidth(true);
        closedDays.addColumn(ClosedDay::name).setHeader("Name").setAutoWidth(true);
        closedDays.addComponentColumn(day -> {
            Button remove = new Button("Remove", e -> removeClosedDay(day));
            remove.addThemeVariants(ButtonVariant.TERTIARY);
            return remove;
        }).setKey("remove").setAutoWidth(true);
        closedDays.setAllRowsVisible(true);

        add(new H2("Office hours"),
                new Paragraph("Times are in the practice's time zone (" + practice.timeZone().getId()
                        + "). Leave a day blank when the line is closed all day."),
                line, week, replyText, closedDayText, save, message,
                new H3("Closed days"), new HorizontalLayout(closedOn, closedName, addClosedDay), closedDayMessage,
                closedDays);
        if (!lines.all().isEmpty()) {
            line.setValue(lines.all().getFirst());
        } else {
            show(null);
        }
    }

    private void show(LineSnapshot chosen) {
        boolean enabled = chosen != null;
        save.setEnabled(enabled);
        addClosedDay.setEnabled(enabled);
        LineHours hours = enabled ? officeHours.of(chosen.id()).orElse(null) : null;
        for (DayOfWeek day : DayOfWeek.values()) {
            LineHours.Span span = hours == null ? null : hours.week().get(day);
            opens.get(day).setValue(span == null ? null : span.opens());
            closes.get(day).setValue(span == null ? null : span.closes());
        }
        replyText.setValue(hours == null || hours.replyText() == null ? "" : hours.replyText());
        closedDayText.setValue(hours == null || hours.closedDayText() == null ? "" : hours.closedDayText());
        message.setText("");
        closedDayMessage.setText("");
        refreshClosedDays();
    }

    private void save() {
        Map<DayOfWeek, LineHours.Span> week = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek day : DayOfWeek.values()) {
            if (opens.get(day).getValue() != null || closes.get(day).getValue() != null) {
                week.put(day, new LineHours.Span(opens.get(day).getValue(), closes.get(day).getValue()));
            }
        }
        try {
            officeHours.save(currentStaff.get().username(),
                    new LineHours(line.getValue().id(), week, replyText.getValue(), closedDayText.getValue()));
            ok(message, "Saved.");
        } catch (IllegalArgumentException invalid) {
            error(message, invalid.getMessage());
        }
    }

    private void addClosedDay() {
        try {
            officeHours.addClosedDay(currentStaff.get().username(), line.getValue().id(), closedOn.getValue(),
                    closedName.getValue());
            closedOn.clear();
            closedName.clear();
            ok(closedDayMessage, "Closed day added.");
            refreshClosedDays();
        } catch (IllegalArgumentException invalid) {
            error(closedDayMessage, invalid.getMessage());
        }
    }

    private void removeClosedDay(ClosedDay day) {
        officeHours.removeClosedDay(currentStaff.get().username(), day.id());
        ok(closedDayMessage, "Closed day " + day.date() + " removed.");
        refreshClosedDays();
    }

    private void refreshClosedDays() {
        closedDays.setItems(line.getValue() == null ? List.of()
                : officeHours.closedDays(line.getValue().id(), officeHours.today()));
    }

    private static void ok(Span span, String text) {
        span.removeClassName("parley-error");
        span.setText(text);
    }

    private static void error(Span span, String text) {
        span.addClassName("parley-error");
        span.setText(text);
    }
}

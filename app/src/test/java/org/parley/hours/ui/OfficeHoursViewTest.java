package org.parley.hours.ui;

import static com.github.mvysny.kaributesting.v10.GridKt._get;
import static com.github.mvysny.kaributesting.v10.GridKt._getCellComponent;
import static com.github.mvysny.kaributesting.v10.GridKt._size;
import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.parley.audit.AuditEntries;
import org.parley.hours.LineHours;
import org.parley.hours.OfficeHours;
import org.parley.security.StaffDirectory;
import org.parley.testsupport.KaribuTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.domain.PageRequest;
import org.springframework.jdbc.core.JdbcTemplate;

/** Issue 17: an admin sets a line's office hours, its reply texts and its closed days; mistakes are named. */
@SpringBootTest(properties = {"spring.datasource.url=jdbc:h2:mem:officehoursview;DB_CLOSE_DELAY=-1",
        "parley.plugins.dir=${parley.test.plugins-dir}"})
class OfficeHoursViewTest extends KaribuTest {

    @Autowired
    StaffDirectory directory;
    @Autowired
    OfficeHours officeHours;
    @Autowired
    AuditEntries audit;
    @Autowired
    JdbcTemplate jdbc;

    OfficeHoursView view;

    @BeforeEach
    void anAdminOpensOfficeHours() {
        if (!directory.hasAnyUser()) {
            directory.createFirstAdmin("admin", "Ada Admin", "a long enough password");
        }
        jdbc.update("delete from line_after_hours");
        jdbc.update("delete from line_closed_day");
        loginAs("admin", "ADMIN");
        UI.getCurrent().navigate("admin/office-hours");
        view = _get(OfficeHoursView.class);
    }

    @Test
    void theHoursAndTextsAnAdminSavesAreTheLinesAndShowWhenOpenedAgain() {
        assertThat(view.line.getValue().id()).isEqualTo("sandbox");
        _setValue(view.opens.get(DayOfWeek.MONDAY), LocalTime.of(8, 0));
        _setValue(view.closes.get(DayOfWeek.MONDAY), LocalTime.of(17, 30));
        _setValue(view.opens.get(DayOfWeek.SATURDAY), LocalTime.of(9, 0));
        _setValue(view.closes.get(DayOfWeek.SATURDAY), LocalTime.of(12, 0));
        _setValue(view.replyText, "  We are closed; we answer from 8 am. If this is an emergency, call 911. ");
        _click(view.save);

        assertThat(view.message.getText()).isEqualTo("Saved.");
        LineHours saved = officeHours.of("sandbox").orElseThrow();
        assertThat(saved.week()).containsOnlyKeys(DayOfWeek.MONDAY, DayOfWeek.SATURDAY);
        assertThat(saved.week().get(DayOfWeek.MONDAY))
                .isEqualTo(new LineHours.Span(LocalTime.of(8, 0), LocalTime.of(17, 30)));
        assertThat(saved.replyText()).isEqualTo("We are closed; we answer from 8 am. If this is an emergency, call 911.");
        assertThat(saved.closedDayText()).isNull();
        assertThat(audit.newest("OFFICE_HOURS_CHANGED", PageRequest.of(0, 5))).isNotEmpty();

        UI.getCurrent().navigate("admin/practice");
        UI.getCurrent().navigate("admin/office-hours");
        OfficeHoursView again = _get(OfficeHoursView.class);
        assertThat(again.opens.get(DayOfWeek.MONDAY).getValue()).isEqualTo(LocalTime.of(8, 0));
        assertThat(again.closes.get(DayOfWeek.SATURDAY).getValue()).isEqualTo(LocalTime.of(12, 0));
        assertThat(again.opens.get(DayOfWeek.TUESDAY).getValue()).isNull();
        assertThat(again.replyText.getValue()).startsWith("We are closed");
    }

    @Test
    void aDayThatClosesBeforeItOpensIsRefusedByNameAndNothingIsStored() {
        _setValue(view.opens.get(DayOfWeek.WEDNESDAY), LocalTime.of(17, 0));
        _setValue(view.closes.get(DayOfWeek.WEDNESDAY), LocalTime.of(8, 0));
        _setValue(view.replyText, "Closed");
        _click(view.save);

        assertThat(view.message.getText()).isEqualTo("Wednesday: the opening time must be before the closing time.");
        assertThat(view.message.getClassNames()).contains("parley-error");
        assertThat(officeHours.of("sandbox")).isEmpty();
    }

    @Test
    void aDayWithOnlyAnOpeningTimeIsRefusedByName() {
        _setValue(view.opens.get(DayOfWeek.FRIDAY), LocalTime.of(9, 0));
        _click(view.save);

        assertThat(view.message.getText()).isEqualTo("Friday: enter both the opening and the closing time, "
                + "or neither for a day the line is closed.");
        assertThat(officeHours.of("sandbox")).isEmpty();
    }

    @Test
    void closedDaysAreAddedListedAndRemovedWithClearErrors() {
        LocalDate holiday = officeHours.today().plusDays(10);
        _click(view.addClosedDay);
        assertThat(view.closedDayMessage.getText()).isEqualTo("Choose the date the line is closed.");

        _setValue(view.closedOn, holiday);
        _setValue(view.closedName, "   ");
        _click(view.addClosedDay);
        assertThat(view.closedDayMessage.getText()).isEqualTo("Name the closed day (e.g. Thanksgiving).");

        _setValue(view.closedOn, officeHours.today().minusDays(1));
        _setValue(view.closedName, "Yesterday");
        _click(view.addClosedDay);
        assertThat(view.closedDayMessage.getText()).endsWith("is past.");
        assertThat(_size(view.closedDays)).isZero();

        _setValue(view.closedOn, holiday);
        _setValue(view.closedName, "Staff training");
        _click(view.addClosedDay);
        assertThat(view.closedDayMessage.getText()).isEqualTo("Closed day added.");
        assertThat(_size(view.closedDays)).isEqualTo(1);
        assertThat(_get(view.closedDays, 0).name()).isEqualTo("Staff training");

        _setValue(view.closedOn, holiday);
        _setValue(view.closedName, "Again");
        _click(view.addClosedDay);
        assertThat(view.closedDayMessage.getText())
                .isEqualTo("The line is already closed on " + holiday + " (Staff training).");
        assertThat(_size(view.closedDays)).isEqualTo(1);

        _click((Button) _getCellComponent(view.closedDays, 0, "remove"));
        assertThat(_size(view.closedDays)).isZero();
        assertThat(officeHours.closedDays("sandbox", officeHours.today())).isEmpty();
    }
}

package org.parley.patient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How an import file is read: records and fields as spreadsheets write them, and dates of birth. */
class PatientImportTest {

    @Test
    void recordsEndAtCrLfLfOrCrAndEmptyFieldsAreKept() {
        assertThat(CsvRecords.parse("a,b\r\nc,\nd,e\rf,,g")).containsExactly(
                List.of("a", "b"), List.of("c", ""), List.of("d", "e"), List.of("f", "", "g"));
    }

    @Test
    void quotedFieldsHoldCommasDoubledQuotesAndLineBreaks() {
        assertThat(CsvRecords.parse("\"Lopez, Jr.\",\"Sam \"\"Sammy\"\"\",\"two\r\nlines\"\n")).containsExactly(
                List.of("Lopez, Jr.", "Sam \"Sammy\"", "two\r\nlines"));
    }

    @Test
    void anEmptyLineIsStillARowSoRowNumbersMatchTheSpreadsheet() {
        assertThat(CsvRecords.parse("header\n\nthird\n")).containsExactly(List.of("header"), List.of(""),
                List.of("third"));
    }

    @Test
    void aQuoteThatIsNeverClosedRefusesTheFileNamingTheRowWhereItOpened() {
        assertThatThrownBy(() -> CsvRecords.parse("first,last\nAda,\"Lovelace\nGrace,Hopper\n"))
                .hasMessage("Row 2 opens a quoted value that is never closed: check the quotation marks.");
    }

    @Test
    void datesOfBirthAreReadAsMonthDayYearWithOrWithoutLeadingZerosOrAsIso() {
        assertThat(PatientImport.date("03/09/1984")).isEqualTo(LocalDate.of(1984, 3, 9));
        assertThat(PatientImport.date("3/9/1984")).isEqualTo(LocalDate.of(1984, 3, 9));
        assertThat(PatientImport.date(" 1984-03-09 ")).isEqualTo(LocalDate.of(1984, 3, 9));
        assertThat(PatientImport.date("")).isNull();
    }

    @Test
    void impossibleOrAmbiguousDatesAreRefused() {
        for (String notADate : List.of("13/45/2020", "2/30/2021", "1/2/84", "1984-3-9", "09.03.1984", "March 9")) {
            assertThatThrownBy(() -> PatientImport.date(notADate)).as(notADate)
                    .hasMessage("The date of birth is not a date: write it as MM/DD/YYYY or YYYY-MM-DD.");
        }
    }
}

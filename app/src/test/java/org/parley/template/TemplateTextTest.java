package org.parley.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TemplateTextTest {

    private static Map<Placeholder, String> values(String patientFirst, String patientLast) {
        Map<Placeholder, String> values = new EnumMap<>(Placeholder.class);
        values.put(Placeholder.PATIENT_FIRST_NAME, patientFirst);
        values.put(Placeholder.PATIENT_LAST_NAME, patientLast);
        values.put(Placeholder.PRACTICE_NAME, "Amboy Family Practice");
        values.put(Placeholder.STAFF_NAME, "Fran Frontdesk");
        values.put(Placeholder.STAFF_FIRST_NAME, "Fran");
        return values;
    }

    @Test
    void everyPlaceholderIsFilledInWhereverItStandsAndAsOftenAsItIsUsed() {
        String body = "Hi {patient.firstName} {patient.lastName}, {staff.name} ({staff.firstName}) of "
                + "{practice.name} here. {patient.firstName}, see you soon.";

        assertThat(TemplateText.fill(body, values("Maria", "Lopez"))).isEqualTo("Hi Maria Lopez, Fran Frontdesk "
                + "(Fran) of Amboy Family Practice here. Maria, see you soon.");
    }

    @Test
    void aValueNobodyKnowsIsLeftVisiblySoStaffFillItInBeforeSending() {
        assertThat(TemplateText.fill("Hi {patient.firstName} {patient.lastName},", values(null, " ")))
                .isEqualTo("Hi [patient first name] [patient last name],");
    }

    @Test
    void valuesAreInsertedLiterallyEvenWithDollarSignsAndBackslashes() {
        assertThat(TemplateText.fill("Dear {patient.firstName}", values("$1 \\o/", null))).isEqualTo("Dear $1 \\o/");
    }

    @Test
    void textWithoutPlaceholdersIsUnchangedAndUnknownOnesAreNotTouchedWhenFilling() {
        assertThat(TemplateText.fill("Call us at (929) 203-8684.", values("Maria", "Lopez")))
                .isEqualTo("Call us at (929) 203-8684.");
        assertThat(TemplateText.fill("Hi {patient.nickname}", values("Maria", "Lopez"))).isEqualTo("Hi {patient.nickname}");
    }

    @Test
    void misspeltPlaceholdersAreFoundOnceEachInOrder() {
        assertThat(TemplateText.unknownPlaceholders("Hi {patient.fristName}, {patient.firstName}! {Practice.Name} "
                + "{patient first name} {patient.fristName}"))
                .containsExactly("{patient.fristName}", "{Practice.Name}", "{patient first name}");
        assertThat(TemplateText.unknownPlaceholders("Hi {patient.firstName}, {staff.firstName} at {practice.name}"))
                .isEmpty();
    }

    @Test
    void theStaffFirstNameIsTheFirstWordOfTheirName() {
        assertThat(new TemplateContext(null, null, "  Nora   Nurse ").staffFirstName()).isEqualTo("Nora");
        assertThat(new TemplateContext(null, null, " ").staffFirstName()).isNull();
    }
}

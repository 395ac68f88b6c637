package cn.carecircle.api.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ChineseIdentityTest {

    @Test
    void theCheckDigitOfThePublishedExampleIsX() {
        // GB 11643-1999's own example: 11010519491231002X
        assertThat(ChineseIdentity.checkDigit("11010519491231002")).isEqualTo('X');
        assertThat(ChineseIdentity.hasValidCheckDigit("11010519491231002X")).isTrue();
        assertThat(ChineseIdentity.hasValidCheckDigit("110105194912310021")).isFalse();
    }

    @Test
    void theBirthDateIsReadFromTheNumberAndImpossibleDatesAreRefused() {
        assertThat(ChineseIdentity.birthDateOf("11010519491231002X")).contains(LocalDate.of(1949, 12, 31));
        String feb30 = "15080219460230001";
        Violations v = new Violations();
        ChineseIdentity.checkIdNumber(v, "idNumber", feb30 + ChineseIdentity.checkDigit(feb30), null);
        assertThat(thrown(v)).contains("gb11643-birth-date");
    }

    @Test
    void aMismatchedBirthDateIsNamed() {
        Violations v = new Violations();
        ChineseIdentity.checkIdNumber(v, "idNumber", "11010519491231002X", LocalDate.of(1949, 12, 30));
        assertThat(thrown(v)).contains("gb11643-birth-date-matches");
    }

    @ParameterizedTest
    @ValueSource(strings = {"13812345678", "19900001111", "15147801234"})
    void mainlandMobilesAreAccepted(String phone) {
        assertThat(ChineseIdentity.isMainlandMobile(phone)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"12812345678", "1381234567", "138123456789", "0478-8123456", "+8613812345678", ""})
    void otherNumbersAreNot(String phone) {
        assertThat(ChineseIdentity.isMainlandMobile(phone)).isFalse();
    }

    private static String thrown(Violations v) {
        try {
            v.throwIfAny();
            return "";
        } catch (ApiException e) {
            return e.violations().toString();
        }
    }
}

package cn.carecircle.api.common;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MaskingTest {

    @Test
    void phonesKeepTheirFirstThreeAndLastFourDigits() {
        assertThat(Masking.phone("13812345678")).isEqualTo("138****5678");
    }

    @Test
    void namesKeepTheirFirstAndLastCharacter() {
        assertThat(Masking.name("张桂华")).isEqualTo("张*华");
        assertThat(Masking.name("李明")).isEqualTo("李*");
        assertThat(Masking.name("欧阳建国")).isEqualTo("欧**国");
        assertThat(Masking.name("王")).isEqualTo("*");
    }
}

package cn.carecircle.api.support;

import cn.carecircle.api.common.ChineseIdentity;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.atomic.AtomicInteger;

/** Valid, distinct resident ID numbers and mobile numbers for tests. */
public final class IdNumbers {

    private static final AtomicInteger SEQUENCE = new AtomicInteger((int) (System.nanoTime() % 400));
    private static final AtomicInteger PHONES = new AtomicInteger((int) (System.nanoTime() % 1_000_000));

    private IdNumbers() {}

    /** An ID number of district 150802 for this birth date; the sequence's last digit is odd for men. */
    public static String idNumber(LocalDate birth, boolean male) {
        int seq = SEQUENCE.incrementAndGet() % 500 * 2 + (male ? 1 : 0);
        String first17 = "150802" + birth.format(DateTimeFormatter.BASIC_ISO_DATE) + String.format("%03d", seq % 1000);
        return first17 + ChineseIdentity.checkDigit(first17);
    }

    /** A fresh, valid mainland mobile number. */
    public static String mobile() {
        return "139" + String.format("%08d", PHONES.incrementAndGet() % 100_000_000);
    }
}

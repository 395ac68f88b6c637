package cn.carecircle.api.timebank;

import java.time.LocalDate;

/**
 * One version of a community's time-bank rules. Version 0 is the platform's default, in force until the operator
 * sets the community's own.
 *
 * @param freeForSpecialDifficulty whether time-bank orders for special-difficulty elders (特殊困难老年人) are served
 *     free, charging nobody's minutes
 */
public record Rules(
        int version,
        LocalDate effectiveFrom,
        int dailyEarningCap,
        long lifetimeEarningCap,
        int giftMaxMinutes,
        int giftMaxMinutesPerMonth,
        int minRedeemAge,
        boolean freeForSpecialDifficulty) {

    /**
     * 8 hours a day, 1,000 hours a life, 10 hours a gift, 20 hours of gifts a month, redeemed for elders of 60+,
     * special-difficulty elders served free.
     */
    static final Rules DEFAULTS = new Rules(0, LocalDate.EPOCH, 480, 60_000, 600, 1_200, 60, true);
}

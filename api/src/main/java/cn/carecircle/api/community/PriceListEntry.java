package cn.carecircle.api.community;

import cn.carecircle.api.common.ServiceType;

/**
 * One line of a community's price list: the price of a service of this duration in fen, whether the service
 * subsidy may cover it, and — when the service may be a time-bank order — its price in minutes. There is no
 * exchange rate between the two.
 */
public record PriceListEntry(
        ServiceType service, int durationMinutes, long priceFen, boolean subsidyEligible, Integer timeBankMinutes) {

    public boolean timeBankAllowed() {
        return timeBankMinutes != null;
    }
}

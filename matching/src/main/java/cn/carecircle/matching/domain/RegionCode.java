package cn.carecircle.matching.domain;

import java.util.regex.Pattern;

/** Region codes (administrative division codes such as {@code 150802}) as index keys accept them. */
public final class RegionCode {

    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9_-]{1,32}");

    private RegionCode() {}

    /** Letters, digits, '-' and '_' only, so a code can sit inside a Redis hash tag. */
    public static String requireValid(String region) {
        if (region == null || region.isBlank()) {
            throw new InvalidMatchRequestException("region", "required", "region is required");
        }
        if (!CODE.matcher(region).matches()) {
            throw new InvalidMatchRequestException(
                    "region", "format", "region must be 1-32 letters, digits, '-' or '_', was '" + region + "'");
        }
        return region;
    }
}

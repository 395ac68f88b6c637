package cn.carecircle.api.community;

import cn.carecircle.api.common.GeoPoint;
import cn.carecircle.api.common.Language;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** A community and the limit of its service circle in minutes of travel. */
public record Community(
        UUID id,
        String code,
        String name,
        String regionCode,
        GeoPoint centre,
        Map<String, Object> boundary,
        int travelTimeLimitMinutes,
        Set<Language> languages) {}

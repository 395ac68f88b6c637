package cn.carecircle.api.community;

import cn.carecircle.api.common.GeoPoint;
import cn.carecircle.api.common.Language;
import cn.carecircle.api.common.Violations;
import java.util.List;
import java.util.Map;
import java.util.Set;

public record CreateCommunityCommand(
        String code,
        String name,
        String regionCode,
        GeoPoint centre,
        Map<String, Object> boundary,
        int travelTimeLimitMinutes,
        Set<Language> languages) {

    public CreateCommunityCommand {
        boundary = boundary == null || boundary.isEmpty() ? null : Map.copyOf(boundary);
        Violations v = new Violations();
        v.check(
                travelTimeLimitMinutes >= 5 && travelTimeLimitMinutes <= 120,
                "travelTimeLimitMinutes",
                "range",
                "must be between 5 and 120");
        v.check(
                regionCode != null && code != null && code.startsWith(regionCode),
                "code",
                "within-region",
                "must start with the six-digit region code");
        if (boundary != null) {
            v.check(
                    "Polygon".equals(boundary.get("type")) && boundary.get("coordinates") instanceof List<?>,
                    "boundary",
                    "geojson-polygon",
                    "must be a GeoJSON Polygon");
        }
        v.throwIfAny();
        languages = languages == null || languages.isEmpty() ? Set.of(Language.MANDARIN) : Set.copyOf(languages);
    }
}

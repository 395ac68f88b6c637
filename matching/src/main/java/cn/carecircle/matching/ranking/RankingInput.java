package cn.carecircle.matching.ranking;

import cn.carecircle.matching.domain.Language;
import cn.carecircle.matching.domain.ServiceType;
import cn.carecircle.matching.facts.ElderVisit;
import java.util.List;

/**
 * What the score needs from the request.
 *
 * @param service the service ordered
 * @param travelLimitMinutes the community's limit
 * @param preferredLanguage the elder's language, or null for no preference
 * @param elderVisits earlier visits to this elder, of any provider
 */
public record RankingInput(
        ServiceType service, double travelLimitMinutes, Language preferredLanguage, List<ElderVisit> elderVisits) {

    public RankingInput {
        elderVisits = List.copyOf(elderVisits);
    }
}

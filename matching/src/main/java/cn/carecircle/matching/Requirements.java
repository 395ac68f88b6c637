package cn.carecircle.matching;

import cn.carecircle.matching.domain.Gender;
import cn.carecircle.matching.domain.InvalidMatchRequestException;
import cn.carecircle.matching.domain.Language;

/**
 * The order's requirements.
 *
 * @param requiredGender the elder's gender requirement (hard, for services where it applies such as
 *     bathing), or null for none
 * @param caregivers seats to fill: 1, or 2 where two caregivers are required
 * @param preferredLanguage the elder's language (soft, ranking only), or null for none
 */
public record Requirements(Gender requiredGender, int caregivers, Language preferredLanguage) {

    public static final Requirements NONE = new Requirements(null, 1, null);

    public Requirements {
        if (caregivers < 1 || caregivers > 2) {
            throw new InvalidMatchRequestException(
                    "requirements.caregivers", "range", "caregivers must be 1 or 2, was " + caregivers);
        }
    }
}

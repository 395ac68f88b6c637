package cn.carecircle.matching.index;

import cn.carecircle.matching.MutableClock;
import cn.carecircle.matching.travel.TravelTimeModel;

class InMemoryCandidateIndexTest extends CandidateIndexContractTest {

    @Override
    protected CandidateIndex newIndex(TravelTimeModel travelTime, MutableClock clock) {
        return new InMemoryCandidateIndex(travelTime, clock);
    }
}

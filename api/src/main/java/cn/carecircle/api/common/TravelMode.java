package cn.carecircle.api.common;

/** How a provider travels to an elder's home. */
public enum TravelMode {
    WALK,
    BICYCLE,
    E_BIKE,
    CAR
}

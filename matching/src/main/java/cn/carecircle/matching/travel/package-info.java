/**
 * Travel time instead of distance: the {@link cn.carecircle.matching.travel.TravelTimeModel} port and
 * its great-circle default, which a road-network model can replace without touching callers.
 */
package cn.carecircle.matching.travel;

/**
 * Recurring meal orders (助餐计划): a family member or a worker orders meals from a community canteen every day or
 * every working day for some weeks; each served day becomes an ordinary order, created up to the ordering horizon
 * ahead and then day by day, offered first to the canteen's couriers. Plans pause and resume, and are cancelled.
 */
package cn.carecircle.api.mealplans;

package cn.carecircle.api.providers;

import java.time.LocalTime;

/** One span of a provider's weekly working time, ISO day of week (1 = Monday). */
public record WorkingHours(int dayOfWeek, LocalTime start, LocalTime end) {}

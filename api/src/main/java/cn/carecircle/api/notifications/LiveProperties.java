package cn.carecircle.api.notifications;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** @param heartbeat how often an open live stream sends a comment, so that proxies keep it open */
@ConfigurationProperties("carecircle.live")
public record LiveProperties(@DefaultValue("PT15S") Duration heartbeat) {}

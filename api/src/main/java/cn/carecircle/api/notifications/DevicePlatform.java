package cn.carecircle.api.notifications;

/** Where an app runs; FCM serves all three. */
public enum DevicePlatform {
    ANDROID,
    IOS,
    WEB
}

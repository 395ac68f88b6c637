/**
 * What leaves the system: the transactional outbox and its relay (FCM pushes through the Firebase Admin SDK, SMS,
 * live events fanned out through Redis to server-sent-event streams) and the devices' push tokens.
 */
package cn.carecircle.api.notifications;
